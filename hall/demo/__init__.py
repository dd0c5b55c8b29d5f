"""The realistic demo contest: Hội thi “Chuyển đổi số - nhận thức và hành động”, Đắk Nông 2023."""

from hall.demo.build import CONTEST_SLUG, DEFAULT_PASSWORD, DemoInfo, load_demo

__all__ = ["CONTEST_SLUG", "DEFAULT_PASSWORD", "DemoInfo", "load_demo"]
