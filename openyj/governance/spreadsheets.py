"""An improvement plan as a spreadsheet (XLSX): one row per action on the Actions sheet, the progress
updates on their own Updates sheet. Exported from the plan's page, edited, imported back.

An import is checked whole before anything is written: every problem names the sheet, the row, the
column and what to fix, and a file with any problem changes nothing. Actions are matched by their
number within the plan (``1.3``); updates already recorded (same action, date and words) are not
recorded twice, so importing the same file again changes nothing.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.governance import codes
from openyj.governance import services as s
from openyj.governance.models import ImprovementAction, ImprovementPlan, KeyObjective

ACTIONS = "Actions"
UPDATES = "Updates"
ACTION_COLUMNS = ["Objective number", "Key objective", "Action number", "What", "Why", "How", "Owner", "Due date",
                  "Status", "RAG"]
UPDATE_COLUMNS = ["Action number", "Date", "Update", "Status", "RAG"]
STATUS = {label.lower(): code for code, label in ImprovementAction.Status.choices}
STATUS.update({code: code for code in ImprovementAction.Status.values})
RAG = {label.lower(): code for code, label in codes.RAG} | {code: code for code, _ in codes.RAG} | {"": ""}
STATUS_WORDS = ", ".join(label for _, label in ImprovementAction.Status.choices)
MAX_ROWS = 2000


class PlanFileError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def plan_workbook(plan: ImprovementPlan, actions) -> bytes:
    """The plan as an XLSX file: Actions (one row per action) and Updates (one row per update)."""
    book = Workbook()
    sheet = book.active
    sheet.title = ACTIONS
    sheet.append(ACTION_COLUMNS)
    updates = book.create_sheet(UPDATES)
    updates.append(UPDATE_COLUMNS)
    for action in actions:
        sheet.append([action.objective.number, action.objective.text, action.number, action.what, action.why,
                      action.how, action.owner, action.due_on, action.get_status_display(),
                      action.get_rag_display() if action.rag else ""])
        for update in sorted(action.updates.all(), key=lambda u: (u.written_on, u.pk)):
            updates.append([action.number, update.written_on, update.text, update.get_status_display(),
                            update.get_rag_display() if update.rag else ""])
    for ws in (sheet, updates):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "d mmmm yyyy"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class _Row:
    objective_number: int
    objective_text: str
    number: str
    what: str
    why: str
    how: str
    owner: str
    due_on: date | None
    status: str
    rag: str
    updates: list[tuple[date, str, str, str]] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any) -> date | None | str:
    """A date from a date cell or text written 31/12/2025 or 2025-12-31; the text itself when not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return text


def _rows(book, name: str, columns: list[str], problems: list[str]) -> list[tuple[int, dict[str, Any]]]:
    if name not in book.sheetnames:
        problems.append(f"The file has no {name} sheet: export the plan from OpenYJ and edit that file, keeping "
                        f"its {ACTIONS} and {UPDATES} sheets.")
        return []
    sheet = book[name]
    rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1))
    header = [_text(v) for v in (rows[0] if rows else ())]
    while header and not header[-1]:
        header.pop()
    if header != columns:
        missing = [c for c in columns if c not in header]
        extra = [c for c in header if c not in columns]
        detail = (f"missing {', '.join(missing)}" if missing else "") + ("; " if missing and extra else "") + (
            f"unknown {', '.join(extra)}" if extra else "")
        problems.append(f"{name} sheet, row 1: the column headings must be {', '.join(columns)}, in that order "
                        f"({detail or 'they are in a different order'}).")
        return []
    out = []
    for number, values in enumerate(rows[1:], start=2):
        cells = dict(zip(columns, values, strict=False))
        if all(_text(v) == "" for v in cells.values()):
            continue
        out.append((number, cells))
    return out


def read_plan_file(file) -> dict[str, _Row]:
    """Read and check a plan spreadsheet; the actions by number, each with its updates. Raises
    :class:`PlanFileError` listing every problem."""
    problems: list[str] = []
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise PlanFileError(["The file is not an Excel workbook (.xlsx): export the plan from OpenYJ and edit "
                             "that file."]) from error
    today = timezone.localdate()
    actions: dict[str, _Row] = {}
    objectives: dict[int, tuple[str, int]] = {}
    for row, cells in _rows(book, ACTIONS, ACTION_COLUMNS, problems):
        def bad(column: str, message: str, row: int = row) -> None:
            problems.append(f"{ACTIONS} sheet, row {row}, column {column}: {message}")

        objective_number = _text(cells["Objective number"])
        if not objective_number.isdigit() or int(objective_number) < 1:
            bad("Objective number", f"“{objective_number}” is not a number: write the key objective's number, "
                                    f"like 1." if objective_number else "write the key objective's number, like 1.")
            objective_number = "0"
        objective_text = _text(cells["Key objective"])
        seen = objectives.get(int(objective_number))
        if not objective_text:
            bad("Key objective", "write the key objective the action serves.")
        elif seen and seen[0] != objective_text and objective_number != "0":
            bad("Key objective", f"objective {objective_number} is written differently on row {seen[1]}: "
                                 f"make them the same.")
        elif objective_number != "0":
            objectives.setdefault(int(objective_number), (objective_text, row))
        number = _text(cells["Action number"])
        if not number:
            bad("Action number", "write the action's number in the plan, like 1.3.")
        elif number in actions:
            bad("Action number", f"action {number} appears twice: give each action its own number.")
        what, owner = _text(cells["What"]), _text(cells["Owner"])
        if not what:
            bad("What", "write what will be done.")
        if not owner:
            bad("Owner", "write who owns the action (a name or initials).")
        due = _date(cells["Due date"])
        if isinstance(due, str):
            bad("Due date", f"“{due}” is not a date: write it like 31/12/2026.")
            due = None
        status = STATUS.get(_text(cells["Status"]).lower())
        if status is None:
            bad("Status", f"“{_text(cells['Status'])}” is not a status: write one of {STATUS_WORDS}.")
        rag = RAG.get(_text(cells["RAG"]).lower())
        if rag is None:
            bad("RAG", f"“{_text(cells['RAG'])}” is not a RAG rating: write Red, Amber, Green or leave it empty.")
        if number and number not in actions:
            actions[number] = _Row(int(objective_number), objective_text, number, what, _text(cells["Why"]),
                                   _text(cells["How"]), owner, due, status or "", rag or "")
    for row, cells in _rows(book, UPDATES, UPDATE_COLUMNS, problems):
        def bad_update(column: str, message: str, row: int = row) -> None:
            problems.append(f"{UPDATES} sheet, row {row}, column {column}: {message}")

        number = _text(cells["Action number"])
        if number not in actions:
            bad_update("Action number", f"there is no action “{number}” on the {ACTIONS} sheet: use the number "
                                        f"of one of its actions." if number else "write the action's number.")
        written = _date(cells["Date"])
        if written is None or isinstance(written, str):
            bad_update("Date", f"“{written}” is not a date: write it like 31/12/2026." if written
                       else "write the date of the update.")
            written = None
        elif written > today:
            bad_update("Date", "the date is in the future: an update records what has happened.")
        text = _text(cells["Update"])
        if not text:
            bad_update("Update", "write what happened.")
        status = STATUS.get(_text(cells["Status"]).lower())
        if status is None:
            bad_update("Status", f"“{_text(cells['Status'])}” is not a status: write one of {STATUS_WORDS}.")
        rag = RAG.get(_text(cells["RAG"]).lower())
        if rag is None:
            bad_update("RAG", f"“{_text(cells['RAG'])}” is not a RAG rating: write Red, Amber, Green or leave it "
                              f"empty.")
        if number in actions and isinstance(written, date) and text and status and rag is not None:
            actions[number].updates.append((written, text, status, rag))
    return actions if not problems else _fail(problems)


def _fail(problems: list[str]):
    raise PlanFileError(problems)


def plan_import(*, user, plan: ImprovementPlan, file) -> str:
    """Bring a plan spreadsheet in, all or nothing; returns what changed, in a sentence."""
    ensure_allowed(user, plan.service_id, Action.GOVERN, "Only a manager in this service can import a plan.")
    rows = read_plan_file(file)
    existing = {a.number: a for a in ImprovementAction.objects.filter(objective__plan=plan).prefetch_related("updates")
                if a.number}
    problems = []
    for number, row in rows.items():
        closed_before = number in existing and existing[number].updates.filter(status=s.CLOSED).exists()
        if row.status == s.CLOSED and not closed_before and not any(u[2] == s.CLOSED for u in row.updates):
            problems.append(f"{ACTIONS} sheet, action {number}, column Status: an action cannot close without a "
                            f"closing update. Add a row to the {UPDATES} sheet for action {number} with the status "
                            f"Closed saying what it achieved.")
    if problems:
        raise PlanFileError(problems)
    created = changed = recorded = 0
    with transaction.atomic():
        objectives = {o.number: o for o in plan.objectives.all()}
        for number, row in rows.items():
            objective = objectives.get(row.objective_number)
            if objective is None:
                objective = s.record_save(user=user, service=plan.service, model=KeyObjective,
                                          data={"plan": plan, "number": row.objective_number,
                                                "text": row.objective_text}, what="a key objective")
                objectives[row.objective_number] = objective
            fields: dict[str, Any] = {"what": row.what, "owner": row.owner, "due_on": row.due_on, "number": number,
                      "why": row.why, "how": row.how, "rag": row.rag}
            action = existing.get(number)
            if action is None:
                action = s.improvement_action_create(user=user, service=plan.service, objective=objective,
                                                     status=ImprovementAction.Status.NOT_STARTED, **fields)
                created += 1
            elif action.objective_id != objective.pk:
                action.objective = objective
                action.save(update_fields=["objective"])
            known = {(u.written_on, u.text) for u in action.updates.all()}
            for written, text, status, rag in sorted(row.updates, key=lambda u: u[0]):
                if (written, text) not in known:
                    s.action_update_record(user=user, action=action, written_on=written, text=text, status=status,
                                           rag=rag)
                    recorded += 1
            action.refresh_from_db()
            before = (action.what, action.owner, action.due_on, action.why, action.how, action.rag, action.status)
            if before != (row.what, row.owner, row.due_on, row.why, row.how, row.rag, row.status):
                fields.pop("number")
                s.improvement_action_update(user=user, action=action, status=row.status, **fields)
                changed += number in existing
    return (f"Plan imported: {created} action{'s' if created != 1 else ''} added, {changed} changed, "
            f"{recorded} update{'s' if recorded != 1 else ''} recorded.")
