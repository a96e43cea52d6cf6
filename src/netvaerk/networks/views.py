"""Network pages: the list and a network's workspace."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View
from django.views.generic import DetailView
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.views import paginate

from . import selectors
from .forms import NetworkFilterForm
from .models import Network


class NetworkListView(PermissionRequiredMixin, View):
    permission_required = "networks.view_network_list"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = NetworkFilterForm(request.GET)
        if not form.is_valid():
            return render(request, "networks/list.html", {"form": form}, status=400)
        networks = selectors.network_list(**form.cleaned_data)
        return render(
            request,
            "networks/list.html",
            {"form": form, "networks": paginate(request, networks)},
        )


class NetworkView(PermissionRequiredMixin, DetailView):
    permission_required = "networks.view_network"
    template_name = "networks/detail.html"
    context_object_name = "network"

    def get_object(self, queryset: Any = None) -> Network:
        if not hasattr(self, "_object"):
            try:
                self._object = selectors.network_for_page(int(self.kwargs["pk"]))
            except Network.DoesNotExist as missing:
                raise Http404 from missing
        return self._object
