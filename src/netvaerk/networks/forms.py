from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Network


class NetworkFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Network.Kind.choices]
    )
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=[("", _("All phases")), *Network.Phase.choices]
    )
