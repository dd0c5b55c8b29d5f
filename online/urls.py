from django.urls import path

from online import staff_views, views

app_name = "online"
urlpatterns = [
    path("", views.index, name="index"),
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("bai-thi/<int:pk>/", views.attempt_page, name="attempt"),
    path("bai-thi/<int:pk>/tra-loi/", views.answer, name="answer"),
    path("bai-thi/<int:pk>/du-doan/", views.prediction, name="prediction"),
    path("bai-thi/<int:pk>/nop-bai/", views.submit, name="submit"),
    path("bai-thi/<int:pk>/ket-qua/", views.result, name="result"),
    path("dot/<int:pk>/tong-hop/", staff_views.finalize, name="finalize"),
    path("dot/<int:pk>/xep-hang/", staff_views.ranking, name="ranking"),
    path("dot/<int:pk>/boc-tham/", staff_views.draw_lots, name="draw_lots"),
    path("dot/<int:pk>/xep-hang.<str:fmt>", staff_views.ranking_export, name="ranking_export"),
    path("dot/<int:pk>/dat-giai.<str:fmt>", staff_views.winners_export, name="winners_export"),
    path("giay-chung-nhan/<str:code>/", staff_views.certificate, name="certificate"),
    path("xac-minh/<str:code>/", staff_views.verify, name="verify"),
    path("<slug:slug>/", views.round_detail, name="round"),
    path("<slug:slug>/dang-ky/", views.register, name="register"),
    path("<slug:slug>/bat-dau/", views.start, name="start"),
    path("<slug:slug>/thi-thu/", views.practice, name="practice"),
    path("<slug:slug>/quan-ly/", staff_views.manage, name="manage"),
    path("<slug:slug>/thong-ke/", staff_views.statistics, name="stats"),
    path("<slug:slug>/thong-ke.<str:fmt>", staff_views.statistics_export, name="stats_export"),
]
