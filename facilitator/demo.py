"""The sample session: two invented neighbours and a community mediator, from screening to a
follow-up review, recorded through the runner exactly as the app would record it.

It shows every step kind, a private mediator note, agreed and parked items, check-ins that
change, and a reflect-back loop that takes three tries.
"""

from __future__ import annotations

from datetime import date, timedelta

from . import kinds
from .library import Library
from .runner import Runner
from .store import Store

TITLE = "Piano hours and the ceiling at Linden Court"
A, B, MEDIATOR = "Dana Whitfield", "Marco Lindqvist", "Ruth Adeyemi"
MAIN_GUIDE, REVIEW_GUIDE = "mediated-two-party", "follow-up-review"

STATEMENTS = {
    "a": {
        "observation": "On most weeknights this month there has been piano from the flat above "
                       "until about eleven. I start work at the bakery at five. Twice I knocked "
                       "on the ceiling, and last Tuesday I left a note on Marco's door.",
        "feelings": ["exhausted", "anxious", "frustrated"],
        "needs": ["sleep", "rest", "consideration"],
        "request": "stop playing by nine on weeknights",
    },
    "b": {
        "observation": "Since March I teach piano at home three evenings a week, because that "
                       "is when my students can come. The note on my door said \"Some of us "
                       "work for a living\". The knocking came during a lesson with a "
                       "nine-year-old.",
        "feelings": ["embarrassed", "hurt", "worried"],
        "needs": ["respect", "contribution", "having a say"],
        "request": "come to me or send a text when it is too loud, instead of knocking",
    },
}

# The listener's tries at saying back what the speaker said, and the speaker's answers.
REFLECTIONS = {
    "a": ([
        ("You're angry about the piano and you think I do it on purpose.", "no",
         "It isn't about what you intend. I'm not sleeping, and I'm scared of making "
         "mistakes at work."),
        ("The piano at night keeps you from sleeping and it's starting to affect your work.",
         "partly", "And the knocking and the note were me trying to reach you, not attacking."),
        ("The late playing keeps you awake before your five o'clock starts, you're worn out "
         "and worried about work, and the knocking and the note were your way of reaching "
         "out, not an attack.", "yes", ""),
    ], "That makes sense. Anyone getting up at half past four would be exhausted."),
    "b": ([
        ("You teach in the evenings because that's when your students can come, and the note "
         "hurt, especially with a child there.", "yes", ""),
    ], "I can see why that note felt like an insult. I'm sorry it landed during a lesson."),
}

NEEDS = {
    "a": (["sleep", "rest", "consideration", "predictability"],
          "If I know when it will be quiet, I can plan my sleep around it."),
    "b": (["respect", "contribution", "consideration", "predictability"],
          "Teaching is how I pay my rent. I want to be treated as a neighbour, not a nuisance."),
}

OPTIONS = [
    ("Lessons and practice end by nine on weeknights", "b", True, True),
    ("Move the piano to the wall away from Dana's bedroom", "a", True, True),
    ("An anti-vibration mat under the piano", None, True, True),
    ("Text each other instead of knocking or leaving notes", "b", True, True),
    ("Dana uses earplugs", "b", False, True),
    ("No piano at all on weeknights", "a", True, False),
]

# what, owner, due in days, how we'll know
ACTIONS = [
    ("End lessons and practice by 9 pm, Sunday to Thursday", "b", 7,
     "Dana hears no piano after 9 pm on weeknights for two weeks running"),
    ("Put an anti-vibration mat under the piano and move it to the living-room wall", "b", 21,
     "Mat and move done; Dana says whether the sound upstairs is softer"),
    ("Swap phone numbers and text when something bothers us, instead of knocking or notes",
     "both", 1, "No knocking and no notes; a text is used if something comes up"),
    ("Send Marco the next month's shift pattern", "a", 14,
     "Marco has the coming month's early shifts by the first of each month"),
]
NOT_AGREED = ("Saturday lessons only after 10 am", "b", 14, "No lessons before 10 am on Saturdays")

TALK = {"a": 372, "b": 305}  # seconds each had the floor for their statement

APPRECIATION = {
    "a": "Thank you for listening tonight and for not getting defensive when I was blunt.",
    "b": "I appreciate you explaining the early shifts. I honestly didn't know.",
}
CHECKINS = {"start": {"a": (2, 2), "b": (2, 3)}, "end": {"a": (4, 4), "b": (4, 4)}}
REVIEW_CHECKINS = {"start": {"a": (4, 4), "b": (3, 4)}, "end": {"a": (4, 5), "b": (4, 4)}}

REVIEW_MARKS = [
    ("kept", "Only one late evening, for a recital, and Marco texted the day before."),
    ("partly", "The mat is in. Moving the piano needs two people; planned for Saturday."),
    ("kept", "Two texts this month, both answered the same day."),
    ("not-kept", "Dana forgot in the first month; she has put a reminder in her phone."),
]
REVIEW_ACTION = ("Move the piano together on Saturday morning, with Dana's brother helping",
                 "both", 5, "The piano stands on the living-room wall by Saturday evening")

PRIVATE_NOTE = ("Dana mentioned her landlord has warned her about 'complaints'. Check at the "
                "review whether housing pressure sits behind this. Not for the agreement.")
SHARED_NOTE = "Both prefer texting each other directly to involving the building manager."


def add_demo(store: Store, library: Library, today: date | None = None, *,
             review: bool = True) -> int:
    """Record the sample session through the runner (with its follow-up review unless
    `review` is False); return its id."""
    today = today or date.today()
    runner = Runner.start(store, library, guide_id=MAIN_GUIDE, mode="mediated", a=A, b=B,
                          mediator=MEDIATOR, title=TITLE)
    _run_meeting(runner, today, CHECKINS, review=False)
    if review:
        runner.start_review(REVIEW_GUIDE)
        _run_meeting(runner, today, REVIEW_CHECKINS, review=True)
    return runner.session.id


def _run_meeting(runner: Runner, today: date, checkins: dict, *, review: bool) -> None:
    while True:
        _fill(runner, runner.stage, today, checkins, review)
        finished = runner.at_end
        runner.advance()
        if finished:
            return


def _fill(runner: Runner, stage, today: date, checkins: dict, review: bool) -> None:
    kind = stage.kind
    if kind == kinds.SCREENING:
        for party in kinds.PARTIES:
            for question in stage.step.questions:
                runner.answer_screening(party, question.id,
                                        "no" if question.concern == "yes" else "yes")
        runner.add_note("Screened both separately by phone last week; no safety concerns, "
                        "both keen to sort it out.", visibility="private")
    elif kind == kinds.AGREEMENT:
        for party in kinds.PARTIES:
            runner.agree(party)
    elif kind == kinds.CHECKIN:
        for party, (calm, hope) in checkins[stage.step.moment].items():
            runner.rate(party, calm=calm, hope=hope)
    elif kind == kinds.STATEMENT:
        if stage.speaker == "b":  # Marco asked for a break before his turn; nobody asked why
            runner.pause()
            runner.end_pause()
        runner.edit_statement(**STATEMENTS[stage.speaker])
        runner.add_talk_time(TALK[stage.speaker])
    elif kind == kinds.REFLECTION:
        attempts, validation = REFLECTIONS[stage.speaker]
        for paraphrase, answer, more in attempts:
            runner.reflect(paraphrase)
            runner.confirm(answer, more)
        runner.validate(validation)
        runner.add_talk_time(TALK[stage.listener] // 2)
    elif kind == kinds.NEEDS:
        for party, (needs, why) in NEEDS.items():
            runner.pick_needs(party, needs)
            runner.explain_needs(party, why)
        runner.add_note(PRIVATE_NOTE, visibility="private")
    elif kind == kinds.OPTIONS:
        for text, by, ok_a, ok_b in OPTIONS:
            runner.add_option(text, by)
            option = runner.session.options[-1]
            runner.mark_option(option.id, "a", ok_a)
            runner.mark_option(option.id, "b", ok_b)
        runner.add_note(SHARED_NOTE)
    elif kind == kinds.ACTIONS:
        plan = [REVIEW_ACTION] if review else [*ACTIONS, NOT_AGREED]
        for what, owner, days, measure in plan:
            runner.add_action(what, owner, (today + timedelta(days=days)).isoformat(), measure)
            action = runner.session.actions[-1]
            runner.consent(action.id, "a")
            if (what, owner, days, measure) == NOT_AGREED:
                runner.consent(action.id, "b", False)
                runner.park_action(action.id)
            else:
                runner.consent(action.id, "b")
        runner.set_review_date((today + timedelta(days=42 if review else 35)).isoformat())
    elif kind == kinds.REVIEW:
        plan = runner.session.agreed_actions(before_meeting=runner.meeting_number)
        for action, (mark, note) in zip(plan, REVIEW_MARKS, strict=False):
            runner.mark(action.id, mark, note)
    elif kind == kinds.CLOSING:
        for party in kinds.PARTIES:
            if not review:
                runner.appreciate(party, APPRECIATION[party])
            calm, hope = checkins["end"][party]
            runner.rate(party, calm=calm, hope=hope)
        if review:
            runner.appreciate("a", "Thanks for texting before the recital. It made a difference.")
            runner.appreciate("b", "Thank you for giving the mat a fair try.")
