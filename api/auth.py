"""The bearer API token of a shop (made in Settings > Tokens): who may post events to a shop and read its figures.

A missing or unknown token is 401; a valid token used on another shop's path is 403, whether or not that shop
exists, so a guessed shop id tells nothing; a token of the shop without the scope the route needs is 403 too, saying
which scope to make a token with.
"""
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from store.db import Database
from store.tokens import SCOPES, Scope, api_token

bearer = HTTPBearer(auto_error=False, scheme_name='API token',
                    description="A shop's API token, made in Settings > Tokens: `Authorization: Bearer <token>`.")

MISSING = 'Send the shop\'s API token as "Authorization: Bearer <token>"; make one in Settings > Tokens.'
UNKNOWN = 'This API token is unknown or revoked: make a new one in Settings > Tokens and send that.'
OTHER_SHOP = ("This API token does not open this shop: use the shop id and a token made in that shop's "
              'Settings > Tokens.')
NO_SCOPE = 'This API token may not {what}: make a token with "{scope}" ticked in Settings > Tokens and send that.'


def shop_access(db: Callable[[], Database], scope: Scope) -> Callable[..., Awaitable[str]]:
    """A dependency answering the path's shop id once the token is checked against it and the scope."""
    async def require(shop_id: str,
                      credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
        if credentials is None or not credentials.credentials:
            raise HTTPException(401, MISSING, headers={'WWW-Authenticate': 'Bearer'})
        found = await api_token(db(), credentials.credentials)
        if found is None:
            raise HTTPException(401, UNKNOWN, headers={'WWW-Authenticate': 'Bearer'})
        token_shop, scopes = found
        if token_shop != shop_id:
            raise HTTPException(403, OTHER_SHOP)
        if scope not in scopes:
            raise HTTPException(403, NO_SCOPE.format(what=SCOPES[scope].lower(), scope=SCOPES[scope]))
        return shop_id
    return require
