from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NetworkType, Phase


class NetworkFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *NetworkType.choices]
    )
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=[("", _("All phases")), *Phase.choices]
    )
