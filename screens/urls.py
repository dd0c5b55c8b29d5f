from django.urls import path

from screens import views

app_name = "screens"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("<slug:slug>/mc/", views.mc, name="mc"),
    path("<slug:slug>/judge/", views.judge, name="judge"),
    path("<slug:slug>/screen/", views.screen, name="screen"),
    path("<slug:slug>/pad/", views.pad, name="pad"),
    path("<slug:slug>/devices.json", views.devices, name="devices"),
    path("<slug:slug>/devices/<int:device_id>/qr.svg", views.qr, name="qr"),
    path("<slug:slug>/devices/<int:device_id>/revoke", views.revoke, name="revoke"),
]
