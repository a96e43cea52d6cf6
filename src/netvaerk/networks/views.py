"""Network pages: the list, the workspace, its editing, phases, participants and guests."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.views import edit_conflict, paginate, request_user
from netvaerk.organisation.rules import person_of

from . import phases, selectors, services
from .forms import (
    AcceptInvitationForm,
    InvitationForm,
    NetworkFilterForm,
    NetworkForm,
    ParticipationAddForm,
    ParticipationForm,
)
from .models import Invitation, Network, Participation
from .rules import visible_networks


def network_or_404(request: HttpRequest, pk: int) -> Network:
    """The network, if the user may see it; for anyone else it does not exist."""
    try:
        network = selectors.network_for_page(pk)
    except Network.DoesNotExist as missing:
        raise Http404 from missing
    if not request.user.has_perm("networks.view_network", network):
        raise Http404
    return network


def require_perm(request: HttpRequest, permission: str, obj: Any) -> None:
    """403 unless the signed-in user has `permission` on `obj` (the network's sub-apps use it)."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


class NetworkListView(PermissionRequiredMixin, View):
    permission_required = "networks.view_network_list"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = NetworkFilterForm(request.GET)
        if not form.is_valid():
            return render(request, "networks/list.html", {"form": form}, status=400)
        data = form.cleaned_data
        networks = selectors.network_list(
            kind=data["kind"],
            phase=data["phase"],
            area=data["area"],
            unit=data["unit"],
            person=person_of(request.user) if data["mine"] else None,
        )
        page = paginate(request, visible_networks(request.user, networks))
        return render(request, "networks/list.html", {"form": form, "networks": page})


class NetworkView(LoginRequiredMixin, View):
    """The network's workspace: where it is, what blocks the next step, and who can unblock it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        return _workspace(request, network)


def _workspace(request: HttpRequest, network: Network, *, status: int = 200) -> HttpResponse:
    current = phases.ORDER.index(network.phase)
    line = [
        {"phase": phase, "state": "done" if i < current else "current" if i == current else ""}
        for i, phase in enumerate(phases.ORDER)
    ]
    gates = [{"gate": g, "met": g.check(network)} for g in phases.gates_from(network)]
    context = {
        "network": network,
        "line": line,
        "gates": gates,
        "leadership": selectors.leadership(network),
        "composition": selectors.composition(network),
        "can_change": request.user.has_perm("networks.change_network", network),
        "can_move": request.user.has_perm("networks.change_phase", network),
        "can_manage": request.user.has_perm("networks.manage_participants", network),
    }
    return render(request, "networks/detail.html", context, status=status)


class NetworkEditView(LoginRequiredMixin, View):
    template_name = "networks/edit.html"

    def _network(self, request: HttpRequest, pk: int) -> Network:
        network = network_or_404(request, pk)
        require_perm(request, "networks.change_network", network)
        return network

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = self._network(request, pk)
        return render(
            request, self.template_name, {"form": NetworkForm(instance=network), "network": network}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = self._network(request, pk)
        form = NetworkForm(request.POST, instance=Network.objects.get(pk=network.pk))
        context: dict[str, Any] = {"form": form, "network": network}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        fields = {name: data[name] for name in services.NETWORK_FIELDS}
        try:
            services.network_update(
                network=network, version=data["version"], by=request_user(request), **fields
            )
        except services.StaleNetwork as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=services.NETWORK_FIELDS,
                message=_(
                    "Someone else saved this network while you were editing it. Your text is "
                    "kept below; compare it with theirs and save again."
                ),
                template_name=self.template_name,
                context={"network": stale.current},
            )
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
            return render(request, self.template_name, context, status=400)
        messages.success(request, _("The network was saved."))
        return redirect(network)


class NetworkPhaseView(LoginRequiredMixin, View):
    """Move the network through a gate (POST target=<phase>)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        require_perm(request, "networks.change_phase", network)
        try:
            network = services.network_move_phase(
                network=network, target=request.POST.get("target", ""), by=request_user(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _workspace(request, network, status=400)
        messages.success(
            request,
            _("The network is now in phase %(phase)s.") % {"phase": network.get_phase_display()},
        )
        return redirect(network)


# --- participants and composition -------------------------------------------------------------


class ParticipantsView(LoginRequiredMixin, View):
    template_name = "networks/participants.html"

    def _render(
        self, request: HttpRequest, network: Network, *, status: int = 200, **forms: Any
    ) -> HttpResponse:
        can_manage = request.user.has_perm("networks.manage_participants", network)
        context: dict[str, Any] = {
            "network": network,
            "participants": paginate(request, selectors.participants(network)),
            "can_manage": can_manage,
            "can_invite": request.user.has_perm("networks.invite_guest", network),
        }
        if can_manage:
            context["add_form"] = forms.get("add_form") or ParticipationAddForm()
        if context["can_invite"]:
            context["invitation_form"] = forms.get("invitation_form") or InvitationForm()
            context["invitations"] = network.invitations.filter(accepted_at=None).order_by(
                "-created_at"
            )[:20]
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, network_or_404(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        if request.POST.get("action") == "invite":
            return self._invite(request, network)
        require_perm(request, "networks.manage_participants", network)
        form = ParticipationAddForm(request.POST)
        if not form.is_valid():
            return self._render(request, network, status=400, add_form=form)
        data = form.cleaned_data
        try:
            services.participation_add(
                network=network,
                by=request_user(request),
                **{name: data[name] for name in ["person", *services.PARTICIPATION_FIELDS]},
            )
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
            return self._render(request, network, status=400, add_form=form)
        messages.success(
            request, _("%(name)s was added to the network.") % {"name": data["person"].name}
        )
        return redirect("networks:participants", pk=network.pk)

    def _invite(self, request: HttpRequest, network: Network) -> HttpResponse:
        require_perm(request, "networks.invite_guest", network)
        form = InvitationForm(request.POST)
        if not form.is_valid():
            return self._render(request, network, status=400, invitation_form=form)
        invitation = services.invitation_create(
            network=network, by=request_user(request), **form.cleaned_data
        )
        messages.success(
            request,
            _("The invitation was e-mailed to %(email)s.") % {"email": invitation.email},
        )
        return redirect("networks:participants", pk=network.pk)


class ParticipationView(LoginRequiredMixin, View):
    """Change a participant's role and hours, or let them leave the network."""

    template_name = "networks/participation.html"

    def _participation(self, request: HttpRequest, pk: int, participation_pk: int) -> Participation:
        network = network_or_404(request, pk)
        require_perm(request, "networks.manage_participants", network)
        return get_object_or_404(
            Participation.objects.select_related("person", "network"),
            pk=participation_pk,
            network=network,
            left_on=None,
        )

    def get(self, request: HttpRequest, pk: int, participation_pk: int) -> HttpResponse:
        participation = self._participation(request, pk, participation_pk)
        form = ParticipationForm(instance=participation)
        return render(request, self.template_name, {"form": form, "participation": participation})

    def post(self, request: HttpRequest, pk: int, participation_pk: int) -> HttpResponse:
        participation = self._participation(request, pk, participation_pk)
        by = request_user(request)
        if request.POST.get("action") == "end":
            services.participation_end(participation=participation, by=by)
            messages.success(
                request,
                _("%(name)s has left the network.") % {"name": participation.person.name},
            )
            return redirect("networks:participants", pk=pk)
        form = ParticipationForm(
            request.POST, instance=Participation.objects.get(pk=participation.pk)
        )
        context = {"form": form, "participation": participation}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        try:
            services.participation_update(
                participation=participation,
                by=by,
                **{name: form.cleaned_data[name] for name in services.PARTICIPATION_FIELDS},
            )
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
            return render(request, self.template_name, context, status=400)
        messages.success(request, _("The participation was saved."))
        return redirect("networks:participants", pk=pk)


class CompositionView(LoginRequiredMixin, View):
    """How the network spans director areas, units and job functions."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        return render(
            request,
            "networks/composition.html",
            {"network": network, "composition": selectors.composition(network)},
        )


# --- guests ---------------------------------------------------------------------------------


class InvitationView(View):
    """A guest opens their invitation link and makes an account for this one network."""

    template_name = "networks/invitation.html"

    def _invitation(self, token: str) -> Invitation:
        invitation = (
            Invitation.objects.select_related("network")
            .prefetch_related(Prefetch("network__units"))
            .filter(token=token)
            .first()
        )
        if invitation is None:
            raise Http404
        return invitation

    def _usable(self, invitation: Invitation) -> bool:
        return invitation.accepted_at is None and invitation.expires_at > timezone.now()

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        invitation = self._invitation(token)
        context = {"invitation": invitation, "usable": self._usable(invitation)}
        if context["usable"]:
            context["form"] = AcceptInvitationForm()
        return render(
            request, self.template_name, context, status=200 if context["usable"] else 410
        )

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        invitation = self._invitation(token)
        form = AcceptInvitationForm(request.POST)
        context: dict[str, Any] = {"invitation": invitation, "usable": True, "form": form}
        if not self._usable(invitation):
            context["usable"] = False
            return render(request, self.template_name, context, status=410)
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        try:
            user, _person = services.invitation_accept(
                invitation=invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return render(request, self.template_name, context, status=400)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome. You now have access to this network."))
        return redirect(invitation.network)
