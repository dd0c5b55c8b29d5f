from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from hall.models import Contest


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


def home(request: HttpRequest) -> HttpResponse:
    contests = Contest.objects.all()
    return render(request, "home.html", {"contests": contests})
