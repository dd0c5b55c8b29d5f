"""Admin forms and inline formsets that apply the setup rules of ``hall.domain``.

The rules that span several rows (a question's options, a team's roster) are
checked in the inline formset, where the whole edited set is known, so the
organizer sees one clear Vietnamese message on the page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from hall import domain
from hall.models import Device, Member, Option, Team


def _kept_forms(formset: BaseInlineFormSet) -> list[forms.Form]:
    """The forms that will exist after saving: filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and (form.instance.pk or form.has_changed())
    ]


class OptionForm(forms.ModelForm):
    class Meta:
        model = Option
        fields = ["label", "text", "is_correct"]

    def clean_label(self) -> str:
        return (self.cleaned_data.get("label") or "").strip().upper()


class OptionInlineFormSet(BaseInlineFormSet):
    """3 or 4 options, exactly one correct, labels A-D without repeats."""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        if index is None:  # the "add another" template form
            return kwargs
        extra_index = index - self.initial_form_count()
        if extra_index >= 0:
            used = {o.label for o in self.get_queryset()} if self.instance.pk else set()
            free = [label for label in domain.OPTION_LABELS if label not in used]
            if extra_index < len(free):
                kwargs["initial"] = {"label": free[extra_index]}
        return kwargs

    def clean(self) -> None:
        if any(self.errors):
            return
        kept = _kept_forms(self)
        labels = [form.cleaned_data["label"] for form in kept]
        problems: list[str] = []
        wrong = sorted({label for label in labels if label not in domain.OPTION_LABELS})
        if wrong:
            problems.append(
                _("Nhãn phương án phải là A, B, C hoặc D (đang có: %(labels)s).")
                % {"labels": ", ".join(wrong)}
            )
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        if repeated:
            problems.append(
                _("Hai phương án cùng nhãn %(labels)s.") % {"labels": ", ".join(repeated)}
            )
        problems += domain.option_problems(
            [
                (form.cleaned_data.get("text", ""), form.cleaned_data.get("is_correct"))
                for form in kept
            ]
        )
        if problems:
            raise ValidationError(problems)
        # Our own messages first: Django's generic one for repeated labels is less clear.
        super().clean()


class MemberInlineFormSet(BaseInlineFormSet):
    """At most the knowledge part's answering members; skit cast within the roster."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = _kept_forms(self)
        team: Team = self.instance
        problems: list[str] = []
        if team.contest_id:
            answering = sum(1 for form in kept if form.cleaned_data.get("answers_knowledge"))
            problems += domain.answering_problems(answering, team.max_answering())
        problems += domain.cast_problems(team.skit_cast_size or 0, len(kept))
        if problems:
            raise ValidationError(problems)


class TeamAdminForm(forms.ModelForm):
    """The team itself; its roster rules are checked by the member inline."""

    # Set by TeamAdmin.get_form: False when this user's page has no member inline.
    roster_checked_by_inline = True

    class Meta:
        model = Team
        fields = ["contest", "unit", "name", "number", "slogan", "skit_cast_size"]

    def _post_clean(self) -> None:
        if not self.roster_checked_by_inline:
            super()._post_clean()
            return
        # Team.clean() compares the new values with the roster stored in the database,
        # which this same page may be changing (e.g. adding members and raising the cast
        # size at once). The member inline's formset checks the roster as submitted.
        self.instance.clean = lambda: None
        try:
            super()._post_clean()
        finally:
            del self.instance.clean


class MemberAdminForm(forms.ModelForm):
    """A member edited on its own page: the team's answering limit still holds."""

    class Meta:
        model = Member
        fields = ["team", "full_name", "position", "workplace", "order", "answers_knowledge"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        team: Team | None = data.get("team") or (
            self.instance.team if self.instance.team_id else None
        )
        if team is not None and data.get("answers_knowledge"):
            others = team.members.exclude(pk=self.instance.pk).filter(answers_knowledge=True)
            problems = domain.answering_problems(others.count() + 1, team.max_answering())
            if problems:
                self.add_error("answers_knowledge", problems)
        return data


class DeviceAdminForm(forms.ModelForm):
    class Meta:
        model = Device
        fields = ["contest", "role", "team", "label"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        team, contest, role = data.get("team"), data.get("contest"), data.get("role")
        if team is not None and contest is not None and team.contest_id != contest.pk:
            self.add_error("team", _("Đội này không thuộc hội thi đã chọn."))
        if team is not None and role == Device.Role.SCREEN:
            self.add_error("team", _("Màn hình lớn không gắn với đội nào; hãy để trống."))
        return data
