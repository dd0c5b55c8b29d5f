"""Registration and login forms; every message in Vietnamese."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hall.models import Unit
from online import rules
from online.models import OnlineRound, Participant, Role

PHONE_RE = re.compile(r"^(\+84|0)\d{9,10}$")


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=255, required=False)
    date_of_birth = forms.DateField(
        label=gettext_lazy("Ngày sinh"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=gettext_lazy("Thư điện tử (email)"), required=False)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị / huyện, thành phố"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("— Chọn đơn vị —"),
    )
    unit_name = forms.CharField(
        label=gettext_lazy("Cơ quan, đơn vị công tác hoặc nơi ở (ghi rõ)"),
        max_length=255,
        required=False,
    )
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=500, required=False)
    role = forms.ChoiceField(label=gettext_lazy("Đối tượng"), choices=Role.choices)
    password1 = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    password2 = forms.CharField(
        label=gettext_lazy("Nhập lại mật khẩu"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args, round: OnlineRound, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.round = round
        self.today = today
        units = round.units.all()
        self.fields["unit"].queryset = units if units.exists() else Unit.objects.all()
        required = round.required | {"full_name"}
        for name in rules.REGISTRATION_FIELDS:
            if name in required:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = _("Vui lòng nhập %(f)s.") % {
                    "f": str(self.fields[name].label).lower()
                }

    def clean_phone(self) -> str:
        phone = normalize_phone(self.cleaned_data.get("phone", ""))
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Số điện thoại không hợp lệ (ví dụ: 0912345678)."))
        return phone

    def clean_email(self) -> str:
        return (self.cleaned_data.get("email") or "").strip().lower()

    def clean(self) -> dict:
        data = super().clean()
        phone, email = data.get("phone"), data.get("email")
        if not phone and not email:
            raise forms.ValidationError(
                _("Cần nhập số điện thoại hoặc email để làm tên đăng nhập.")
            )
        username = phone or email
        if username and get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("%(u)s đã được dùng để đăng ký. Hãy đăng nhập.") % {"u": username}
            )
        if email and Participant.objects.filter(round=self.round, email__iexact=email).exists():
            self.add_error("email", _("Email này đã được dùng để đăng ký."))
        unit = data.get("unit")
        role = data.get("role")
        if role:
            problems = rules.eligibility_problems(
                rules.Eligibility(
                    min_age=self.round.min_age,
                    excluded_roles=frozenset(self.round.excluded_role_codes),
                    excluded_unit_ids=frozenset(
                        self.round.excluded_units.values_list("id", flat=True)
                    ),
                ),
                born=data.get("date_of_birth"),
                role=role,
                role_label=str(dict(Role.choices).get(role, role)),
                unit_id=unit.id if unit else None,
                unit_label=str(unit) if unit else "",
                today=self.today,
            )
            for problem in problems:
                self.add_error(None, problem)
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        elif p1:
            user = get_user_model()(username=username or "", email=email or "")
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class LoginForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("Số điện thoại hoặc email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean_username(self) -> str:
        value = self.cleaned_data["username"].strip()
        return value.lower() if "@" in value else normalize_phone(value)


class PredictionForm(forms.Form):
    value = forms.IntegerField(
        label=gettext_lazy("Dự đoán của bạn"),
        min_value=0,
        max_value=100_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
