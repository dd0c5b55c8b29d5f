from django.urls import path

from scoring import views

app_name = "scoring"
urlpatterns = [
    path("verify/<str:code>/", views.verify, name="verify"),
    path("<slug:slug>/", views.results_page, name="results"),
    path("<slug:slug>/compile/", views.compile_view, name="compile"),
    path("<slug:slug>/approve/", views.approve_view, name="approve"),
    path("<slug:slug>/draw-lots/", views.draw_lots_view, name="draw_lots"),
    path("<slug:slug>/minutes/", views.minutes, name="minutes"),
    path("<slug:slug>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<slug:slug>/export/<str:what>.<str:fmt>", views.export, name="export"),
    path("<slug:slug>/certificates/", views.certificates, name="certificates"),
    path("<slug:slug>/public/", views.public, name="public"),
]
