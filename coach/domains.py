"""Which of the coach's five areas a question is about, by keywords: the offline coach's only understanding."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Domain:
    name: str  # for people
    keywords: tuple[str, ...]  # word starts, matched case-insensitively
    figures: tuple[str, ...]  # keys of figures.describe(), most telling first


ANALYSIS = Domain('business analysis',
                  ('how am i', 'how are we', 'doing', 'perform', 'trend', 'compar', 'overview', 'summar', 'analy',
                   'kpi', 'figure', 'number', 'today', 'week', 'progress', 'goal'),
                  ('revenue', 'bookings', 'satisfaction', 'utilization', 'floor'))
DOMAINS = (
    ANALYSIS,
    Domain('customer service and retention',
           ('customer', 'client', 'review', 'satisf', 'complain', 'retain', 'retention', 'loyal', 'return',
            'rebook', 'experience', 'rating', 'star', 'unhappy', 'feedback', 'friendly', 'follow-up', 'win back'),
           ('satisfaction', 'floor', 'bookings')),
    Domain('scheduling and capacity',
           ('schedul', 'staff', 'shift', 'wait', 'queue', 'walk-in', 'walk in', 'capacity', 'chair', 'busy', 'quiet',
            'slow', 'peak', 'hour', 'appointment', 'no-show', 'no show', 'cancel', 'utili', 'rota', 'hire', 'barber'),
           ('utilization', 'floor', 'bookings')),
    Domain('financial planning',
           ('revenue', 'money', 'profit', 'cost', 'price', 'pricing', 'cash', 'margin', 'budget', 'tip', 'commission',
            'rent', 'break-even', 'break even', 'expense', 'earn', 'income', 'sales', 'retail', 'tax', 'wage', 'pay'),
           ('revenue', 'tips', 'services')),
    Domain('marketing',
           ('market', 'promot', 'advert', 'instagram', 'facebook', 'tiktok', 'social', 'new client', 'new customer',
            'referr', 'campaign', 'brand', 'google', 'website', 'attract', 'discount', 'offer', 'flyer', 'local'),
           ('bookings', 'revenue', 'satisfaction')),
)


def domain_of(question: str) -> Domain:
    """The area with most keyword hits (a phrase counts once per word); business analysis on no hit or a tie."""
    text = question.casefold()
    hits = [sum(len(k.split()) for k in d.keywords if re.search(r'\b' + re.escape(k), text)) for d in DOMAINS]
    best = max(range(len(DOMAINS)), key=lambda i: (hits[i], -i))
    return DOMAINS[best] if hits[best] else ANALYSIS
