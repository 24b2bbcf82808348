"""Test helpers that give each step kind the least it needs, to walk a session forward."""

from __future__ import annotations

from facilitator.runner import Runner


def satisfy(runner: Runner) -> None:
    """Record the minimum the current stage needs before the session may move on."""
    stage = runner.stage
    kind = stage.kind
    if kind == "agreement":
        runner.agree("a")
        runner.agree("b")
    elif kind == "screening":
        for party in "ab":
            for q in stage.step.questions:
                runner.answer_screening(party, q.id, "no" if q.concern == "yes" else "yes")
    elif kind in ("checkin", "closing"):
        runner.rate("a", calm=3, hope=3)
        runner.rate("b", calm=3, hope=3)
    elif kind == "statement":
        runner.edit_statement(feelings=["tired"])
    elif kind == "reflection":
        runner.confirm("yes")
    elif kind == "needs":
        runner.pick_needs("a", ["rest"])
        runner.pick_needs("b", ["rest"])
    elif kind == "options":
        runner.add_option("Talk on Sundays")
        option = runner.session.options[-1]
        runner.mark_option(option.id, "a", True)
        runner.mark_option(option.id, "b", True)
    elif kind == "actions":
        runner.add_action("Call each Sunday", "both", "2030-01-05", "Four calls in January")
        action = runner.session.actions[-1]
        runner.consent(action.id, "a")
        runner.consent(action.id, "b")
    elif kind == "review":
        for action in runner.session.agreed_actions(before_meeting=runner.meeting_number):
            runner.mark(action.id, "kept")


def walk_to(runner: Runner, kind: str, *, nth: int = 1) -> None:
    """Advance until the current stage is the `nth` stage of `kind`."""
    seen = 1 if runner.stage.kind == kind else 0
    while seen < nth:
        satisfy(runner)
        runner.advance()
        seen += runner.stage.kind == kind


def finish(runner: Runner) -> None:
    while runner.session.status != "finished":
        satisfy(runner)
        runner.advance()


def screening_guide(guide_id: str, title: str, *, question_id: str = "afraid",
                    question: str = "Are you afraid?", kinds: tuple[str, ...] = ("closing",),
                    description: str = "A short guide written by a user.") -> str:
    """A user guide's TOML: a private screening question, then steps of `kinds`."""
    steps = "".join(f'\n[[steps]]\nid = "s{i}-{kind}"\nkind = "{kind}"\ntitle = "{kind}"\n'
                    for i, kind in enumerate(kinds))
    return (f'schema = 1\nid = "{guide_id}"\ntitle = "{title}"\nlanguage = "en"\n'
            f'mode = "either"\ndescription = "{description}"\n\n'
            '[[steps]]\nid = "screen"\nkind = "screening"\ntitle = "A private check"\n'
            'help = "Talk to someone you trust."\n\n'
            f'[[steps.questions]]\nid = "{question_id}"\ntext = "{question}"\n'
            'concern = "yes"\n' + steps)
