"""Contract pages: the contract, its editing, versions, approvals, downloads and templates.
Thin: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.views import paginate, request_user
from netvaerk.networks.models import Network, Participation
from netvaerk.networks.views import network_or_404
from netvaerk.organisation.rules import person_of

from . import documents, selectors, services
from .forms import (
    ApproveForm,
    ContractForm,
    HoursForm,
    MilestoneFormSet,
    TemplateForm,
    milestone_initial,
)
from .models import TEXT_FIELDS, Contract, ContractTemplate
from .snapshots import snapshot_diff

CONTRACT_ROLES = (
    Participation.Role.LEADER,
    Participation.Role.CO_DRIVER,
    Participation.Role.SPONSOR,
    Participation.Role.FACILITATOR,
)


def _contract_or_404(network: Network) -> Contract:
    contract = selectors.contract_of(network)
    if contract is None:
        raise Http404
    contract.network = network
    return contract


def _editable(request: HttpRequest, pk: int) -> tuple[Network, Contract]:
    network = network_or_404(request, pk)
    if not request.user.has_perm("contracts.change_contract", network):
        raise PermissionDenied
    return network, _contract_or_404(network)


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _approval_text(contract: Contract) -> str:
    if contract.is_approved:
        return _("Version %(version)s was approved by %(name)s on %(date)s.") % {
            "version": contract.approved_version,
            "name": contract.approved_by.name if contract.approved_by else _("the sponsor"),
            "date": contract.approved_at.date().isoformat() if contract.approved_at else "",
        }
    if contract.approved_version:
        return _(
            "Version %(approved)s was approved; the contract has been changed since, and "
            "version %(version)s waits for the sponsor's approval."
        ) % {"approved": contract.approved_version, "version": contract.version}
    return _("The contract waits for the sponsor's approval.")


def _contract_context(request: HttpRequest, network: Network, contract: Contract) -> dict:
    participants = list(selectors.contract_participants(network))
    return {
        "network": network,
        "contract": contract,
        "participants": participants,
        "roles": [p for p in participants if p.role in CONTRACT_ROLES],
        "milestones": list(selectors.contract_milestones(network)),
        "approval_text": _approval_text(contract),
        "first_fields": _fields(contract, TEXT_FIELDS[:5]),
        "later_fields": _fields(contract, TEXT_FIELDS[5:]),
    }


def _fields(contract: Contract, names: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (str(Contract._meta.get_field(name).verbose_name).capitalize(), getattr(contract, name))  # type: ignore[union-attr]
        for name in names
    ]


class ContractView(LoginRequiredMixin, View):
    """The contract, or a button that creates it; `?format=pdf|docx` downloads it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        fmt = request.GET.get("format")
        if fmt is not None and fmt not in documents.FORMATS:
            return HttpResponseBadRequest(_("Choose the format pdf or docx."))
        user = request.user
        can = {
            "change": user.has_perm("contracts.change_contract", network),
            "approve": user.has_perm("contracts.approve_contract", network),
        }
        contract = selectors.contract_of(network)
        if contract is None:
            if fmt:
                raise Http404
            return render(
                request, "contracts/detail.html", {"network": network, "contract": None, "can": can}
            )
        contract.network = network
        context = _contract_context(request, network, contract)
        if fmt == "pdf":
            return documents.pdf_response(request, context)
        if fmt == "docx":
            return documents.docx_response(request, context)
        if contract.approved_version and not contract.is_approved:
            data = selectors.version_data(contract, [contract.approved_version, contract.version])
            context["since_approval"] = snapshot_diff(
                data.get(contract.approved_version), data.get(contract.version)
            )
        context.update(
            can=can,
            approvable=selectors.approvable_ids(person_of(user), network),
            versions=paginate(request, selectors.contract_versions(contract), param="versioner"),
        )
        return render(request, "contracts/detail.html", context)


class ContractCreateView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        if not request.user.has_perm("contracts.change_contract", network):
            raise PermissionDenied
        services.contract_create(network=network, by=request_user(request))
        messages.success(request, _("The contract was created from the template."))
        return redirect("contracts:detail", network.pk)


class ContractEditView(LoginRequiredMixin, View):
    template_name = "contracts/form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network, contract = _editable(request, pk)
        form = ContractForm(initial=ContractForm.initial_for(contract))
        formset = MilestoneFormSet(
            initial=milestone_initial(selectors.contract_milestones(network)), prefix="milepael"
        )
        return render(
            request,
            self.template_name,
            {"network": network, "contract": contract, "form": form, "formset": formset},
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network, contract = _editable(request, pk)
        form = ContractForm(request.POST)
        formset = MilestoneFormSet(request.POST, prefix="milepael")
        context: dict[str, Any] = {
            "network": network,
            "contract": contract,
            "form": form,
            "formset": formset,
        }
        if not (form.is_valid() & formset.is_valid()):
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        rows = [row for row in (f.row() for f in formset.forms) if row is not None]
        try:
            contract = services.contract_update(
                contract=contract,
                version=data["version"],
                milestones=rows,
                by=request_user(request),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                anchoring_owner=data["anchoring_owner"],
                **{name: data[name] for name in TEXT_FIELDS},
            )
        except services.StaleContract as stale:
            return self._conflict(request, context, data["version"], stale.current)
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, self.template_name, context, status=400)
        messages.success(
            request,
            _("The contract was saved as version %(version)s.") % {"version": contract.version},
        )
        return redirect("contracts:detail", network.pk)

    def _conflict(
        self, request: HttpRequest, context: dict[str, Any], loaded: int, current: Contract
    ) -> HttpResponse:
        """Someone saved first: keep what this user typed, and show what the other changed."""
        data = selectors.version_data(current, [loaded, current.version])
        post = request.POST.copy()
        post["version"] = str(current.version)  # saving again now replaces the other's text
        form = ContractForm(post)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Someone else saved the contract while you were editing it. Your text is kept "
                "below; see what they changed, and save again."
            ),
        )
        context.update(
            form=form,
            contract=current,
            conflict=snapshot_diff(data.get(loaded), data.get(current.version)),
        )
        return render(request, self.template_name, context, status=409)


class ContractVersionView(LoginRequiredMixin, View):
    """One version and what it changed since the one before."""

    def get(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        network = network_or_404(request, pk)
        contract = _contract_or_404(network)
        version, previous = selectors.version_with_previous(contract, number)
        if version is None:
            raise Http404
        changes = snapshot_diff(previous.data if previous else None, version.data)
        return render(
            request,
            "contracts/version.html",
            {
                "network": network,
                "contract": contract,
                "version": version,
                "previous": previous,
                "changes": changes,
            },
        )


class ContractApproveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        if not request.user.has_perm("contracts.approve_contract", network):
            raise PermissionDenied
        contract = _contract_or_404(network)
        target = _next_url(request, contract.get_absolute_url())
        form = ApproveForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Approve the contract from its page."))
            return redirect(target)
        try:
            services.contract_approve(
                contract=contract, version=form.cleaned_data["version"], by=request_user(request)
            )
        except services.StaleContract:
            messages.error(
                request,
                _(
                    "The contract was changed after you opened it. Read the latest version "
                    "before you approve it."
                ),
            )
            return redirect("contracts:detail", network.pk)
        messages.success(request, _("You approved the contract."))
        return redirect(target)


class HoursApproveView(LoginRequiredMixin, View):
    """A manager approves a participant's hours per week."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        participation = get_object_or_404(
            Participation.objects.select_related("person", "network"), pk=pk
        )
        if not request.user.has_perm("networks.approve_hours", participation):
            raise PermissionDenied
        target = _next_url(request, "/godkendelser/")
        form = HoursForm(request.POST)
        hours = form.cleaned_data["hours"] if form.is_valid() else None
        try:
            services.participation_approve_hours(
                participation=participation, hours_seen=hours, by=request_user(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(target)
        messages.success(
            request,
            _("You approved %(name)s's hours in “%(network)s”.")
            % {"name": participation.person.name, "network": participation.network.title},
        )
        return redirect(target)


class ApprovalListView(PermissionRequiredMixin, View):
    """Every approval waiting for me: contracts I sponsor and hours I approve."""

    permission_required = "contracts.view_approvals"

    def get(self, request: HttpRequest) -> HttpResponse:
        person = person_of(request.user)
        return render(
            request,
            "contracts/approvals.html",
            {
                "contracts": paginate(
                    request, selectors.contracts_waiting_for(person), param="kontrakter"
                ),
                "hours": paginate(request, selectors.hours_waiting_for(person), param="timer"),
            },
        )


class TemplateListView(PermissionRequiredMixin, View):
    permission_required = "contracts.manage_templates"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request, "contracts/template_list.html", {"templates": list(selectors.templates())}
        )


class TemplateEditView(PermissionRequiredMixin, View):
    permission_required = "contracts.manage_templates"
    template_name = "contracts/template_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        template = get_object_or_404(ContractTemplate, pk=pk)
        form = TemplateForm(instance=template)
        return render(request, self.template_name, {"template": template, "form": form})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        template = get_object_or_404(ContractTemplate, pk=pk)
        form = TemplateForm(request.POST, instance=ContractTemplate.objects.get(pk=pk))
        if not form.is_valid():
            context = {"template": template, "form": form}
            return render(request, self.template_name, context, status=400)
        services.contract_template_update(
            template=template,
            by=request_user(request),
            **{name: form.cleaned_data[name] for name in TemplateForm.Meta.fields},
        )
        messages.success(request, _("The template was saved."))
        return redirect("contracts:templates")
