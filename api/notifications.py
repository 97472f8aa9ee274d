"""The shop's notifications over HTTP, for other programs: read them, and mark them read for one of the shop's people.

Read state belongs to a person (the owner reading a notification does not hide it from staff), so both routes name
the person by the email of their Chairside account.
"""
from typing import Annotated

from fastapi import Depends, HTTPException
from nicegui import app
from pydantic import BaseModel, Field

from store.notifications import list_notifications, mark_all_read, mark_read
from store.staff import list_members

from .auth import shop_access

NOT_A_MEMBER = 'No one with this email works at this shop: give the email of the owner or of a staff account.'


class ReadRequest(BaseModel):
    user: str = Field(max_length=320, description='The email of the person whose read state changes')
    ids: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list, max_length=500,
                                                            description='Notification ids to mark read, at most 500')
    all: bool = Field(False, description='Mark every notification of the shop read for this person')


def create(shops) -> None:
    """`shops` is the AppContext (its store)."""
    access = shop_access(lambda: shops.store, 'figures')

    async def member(shop_id: str, email: str) -> str:
        email = email.strip().lower()
        for user_id, member_email, _ in await list_members(shops.store, shop_id):
            if member_email == email:
                return user_id
        raise HTTPException(422, [{'loc': ['user'], 'msg': NOT_A_MEMBER}])

    @app.get('/api/shops/{shop_id}/notifications', tags=['notifications'], summary="The shop's notifications",
             description='Newest first (at most `limit`), each with whether `user` has read it.')
    async def notifications(shop_id: Annotated[str, Depends(access)], user: str, limit: int = 50) -> dict:
        user_id = await member(shop_id, user)
        views = await list_notifications(shops.store, shop_id, user_id, max(1, min(limit, 200)))
        return {'notifications': [{'id': v.id, 'kind': v.kind, 'priority': v.priority, 'title': v.title,
                                   'body': v.body, 'action': v.action, 'at': v.at, 'read': v.read} for v in views]}

    @app.post('/api/shops/{shop_id}/notifications/read', tags=['notifications'],
              summary='Mark notifications read for one person',
              description='Either `ids` or `all: true`. Unknown ids are reported, the others are still marked.')
    async def read(shop_id: Annotated[str, Depends(access)], body: ReadRequest) -> dict:
        user_id = await member(shop_id, body.user)
        if body.all:
            marked = await mark_all_read(shops.store, shop_id, user_id)
            shops.live.tell_user(user_id)
            return {'marked': marked, 'unknown': []}
        unknown = [i for i in body.ids if not await mark_read(shops.store, shop_id, user_id, i)]
        shops.live.tell_user(user_id)
        return {'marked': len(body.ids) - len(unknown), 'unknown': unknown}
