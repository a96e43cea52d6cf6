"""Network pages: the list and a network's workspace."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.views import paginate

from . import selectors
from .forms import NetworkFilterForm
from .models import Network
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


class NetworkListView(PermissionRequiredMixin, View):
    permission_required = "networks.view_network_list"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = NetworkFilterForm(request.GET)
        if not form.is_valid():
            return render(request, "networks/list.html", {"form": form}, status=400)
        networks = visible_networks(request.user, selectors.network_list(**form.cleaned_data))
        return render(
            request,
            "networks/list.html",
            {"form": form, "networks": paginate(request, networks)},
        )


class NetworkView(LoginRequiredMixin, View):
    """The network's workspace."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        return render(request, "networks/detail.html", {"network": network})
