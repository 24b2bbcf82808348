"""The plan's dates as an iCalendar file: the review date and each agreed action's due date,
as all-day events people can add to their own calendars."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from .plan import Plan


def to_ical(plan: Plan, key: str) -> bytes:
    """The calendar; `key` keeps event ids stable across exports of the same session."""
    from icalendar import Calendar, Event

    from .render import visible_controls as text  # RFC 5545 allows no control characters

    calendar = Calendar()
    calendar.add("prodid", "-//Facilitator//Action plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", text(plan.title))
    stamp = datetime.now(UTC).replace(microsecond=0)

    def event(uid: str, day: str, summary: str, description: str) -> None:
        try:
            start = date.fromisoformat(day)
        except ValueError:
            return
        item = Event()
        digest = hashlib.sha256(f"{key}/{uid}".encode()).hexdigest()[:24]
        item.add("uid", f"{digest}@facilitator.invalid")
        item.add("dtstamp", stamp)
        item.add("dtstart", start)
        item.add("dtend", start + timedelta(days=1))
        item.add("summary", text(summary))
        item.add("description", text(description))
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)

    if plan.review_date:
        event("review", plan.review_date, f"Review: {plan.title}",
              f"Meet again to see how the plan is going. Between {plan.parties[0]} and "
              f"{plan.parties[1]}.")
    for action in plan.actions:
        if action.due:  # keyed on the action itself, so parking another keeps this event's id
            event(f"action-{action.key}", action.due, f"Due: {action.what}",
                  f"Who: {action.who}\nHow we'll know: {action.measure}\nFrom: {plan.title}")
    return calendar.to_ical()
