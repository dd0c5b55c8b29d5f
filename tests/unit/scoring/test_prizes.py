"""Prize allocation: structures from the four plans and ties at prize boundaries."""

from dataclasses import dataclass

import pytest

from scoring.prizes import allocate_prizes, parse_structure, prize_labels
from scoring.rules import ScoringError, jsonable

NHAT, NHI, BA, KK = "Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"


@dataclass(frozen=True)
class Entry:
    member: str
    rank: int


def entries(*ranks):
    return [Entry(f"m{n}", rank) for n, rank in enumerate(ranks, start=1)]


def prizes(allocation):
    return [(a.entry.member, a.label) for a in allocation.awards]


class TestStructures:
    def test_individual_1_1_2_3_for_ten_members(self):
        # Đắk Nông: 1 Nhất + 1 Nhì + 2 Ba + 3 Khuyến khích = 7 prizes; m8–m10 get none
        allocation = allocate_prizes(entries(*range(1, 11)), "1,1,2,3")
        assert prizes(allocation) == [
            ("m1", NHAT),
            ("m2", NHI),
            ("m3", BA),
            ("m4", BA),
            ("m5", KK),
            ("m6", KK),
            ("m7", KK),
        ]
        assert allocation.boundary_ties == ()
        assert allocation.pending == ()
        assert [allocation.awarded_count(t) for t in (1, 2, 3, 4)] == [1, 1, 2, 3]
        assert allocation.label_of(Entry("m8", 8)) is None

    def test_team_1_1_1(self):
        allocation = allocate_prizes(entries(1, 2, 3, 4, 5), "1,1,1")
        assert prizes(allocation) == [("m1", NHAT), ("m2", NHI), ("m3", BA)]

    def test_1_2_3_5(self):
        # Cao Bằng / Bình Thuận: 1 + 2 + 3 + 5 = 11 prizes out of 15
        allocation = allocate_prizes(entries(*range(1, 16)), "1,2,3,5")
        assert [allocation.awarded_count(t) for t in (1, 2, 3, 4)] == [1, 2, 3, 5]
        labels = [a.label for a in allocation.awards]
        assert labels == [NHAT] + [NHI] * 2 + [BA] * 3 + [KK] * 5
        assert allocation.awards[-1].entry.member == "m11"

    def test_1_3_5_20(self):
        # Quảng Ninh: 1 + 3 + 5 + 20 = 29 prizes; 40 entries → m30–m40 get none
        allocation = allocate_prizes(entries(*range(1, 41)), [1, 3, 5, 20])
        assert [allocation.awarded_count(t) for t in (1, 2, 3, 4)] == [1, 3, 5, 20]
        assert len(allocation.awards) == 29
        assert allocation.awards[-1].entry.member == "m29"
        assert allocation.awards[-1].label == KK

    def test_fewer_entries_than_prizes(self):
        allocation = allocate_prizes(entries(1, 2), "1,1,2,3")
        assert prizes(allocation) == [("m1", NHAT), ("m2", NHI)]
        assert allocation.pending == ()

    def test_dict_entries_from_online_round(self):
        ranked = [{"name": "Nguyễn Văn A", "rank": 1}, {"name": "Trần Thị B", "rank": 2}]
        allocation = allocate_prizes(ranked, "1,2")
        assert [(a.entry["name"], a.label) for a in allocation.awards] == [
            ("Nguyễn Văn A", NHAT),
            ("Trần Thị B", NHI),
        ]

    def test_custom_labels_and_fifth_tier(self):
        assert prize_labels(5) == (NHAT, NHI, BA, KK, KK)
        allocation = allocate_prizes(entries(1, 2), "1,1", labels=["Vàng", "Bạc"])
        assert [a.label for a in allocation.awards] == ["Vàng", "Bạc"]
        with pytest.raises(ScoringError, match="Cần 3 tên giải"):
            allocate_prizes(entries(1), "1,1,1", labels=["Vàng", "Bạc"])

    @pytest.mark.parametrize("bad", ["", "1,a", "1,-1", "0,0", "1.5", [1, True]])
    def test_bad_structure_refused(self, bad):
        with pytest.raises(ScoringError, match="Cơ cấu giải"):
            parse_structure(bad)

    def test_bad_rank_refused(self):
        with pytest.raises(ScoringError, match="Thứ hạng của m1 không hợp lệ"):
            allocate_prizes([Entry("m1", 0)], "1")


class TestTies:
    def test_tie_at_tier_boundary_flagged_not_assigned(self):
        # 1,1,1 and ranks 1, 2, 2, 4: the two rank-2 entries straddle Nhì and Ba
        allocation = allocate_prizes(entries(1, 2, 2, 4), "1,1,1")
        assert prizes(allocation) == [("m1", NHAT)]
        (tie,) = allocation.boundary_ties
        assert tie.rank == 2
        assert [e.member for e in tie.entries] == ["m2", "m3"]
        assert [(s.label, s.count) for s in tie.slots] == [(NHI, 1), (BA, 1)]
        assert "chờ Ban Tổ chức quyết định" in tie.note
        assert "m2, m3" in tie.note
        assert [(p.tier, p.count) for p in allocation.pending] == [(2, 1), (3, 1)]
        # m4 (rank 4) gets nothing: all three slots are given or contested
        assert allocation.label_of(Entry("m4", 4)) is None

    def test_tie_at_last_prize_flagged(self):
        # 1,1,1 and ranks 1, 2, 3, 3: two entries for the last Giải Ba
        allocation = allocate_prizes(entries(1, 2, 3, 3), "1,1,1")
        assert prizes(allocation) == [("m1", NHAT), ("m2", NHI)]
        assert [e.member for e in allocation.boundary_ties[0].entries] == ["m3", "m4"]
        assert [(p.label, p.count) for p in allocation.pending] == [(BA, 1)]

    def test_tie_inside_a_tier_is_fine(self):
        # 1,1,2,3 and ranks 1, 2, 3, 3, 5: both rank-3 entries fit the two Giải Ba
        allocation = allocate_prizes(entries(1, 2, 3, 3, 5), "1,1,2,3")
        assert prizes(allocation) == [
            ("m1", NHAT),
            ("m2", NHI),
            ("m3", BA),
            ("m4", BA),
            ("m5", KK),
        ]
        assert allocation.boundary_ties == ()

    def test_tie_larger_than_remaining_slots_flagged(self):
        # 1,1,2,3: ranks 1–4 take 4 slots, four entries tied at rank 5 for 3 Khuyến khích
        allocation = allocate_prizes(entries(1, 2, 3, 4, 5, 5, 5, 5, 9), "1,1,2,3")
        assert len(allocation.awards) == 4
        (tie,) = allocation.boundary_ties
        assert len(tie.entries) == 4
        assert [(s.label, s.count) for s in tie.slots] == [(KK, 3)]
        assert "4 bên đồng hạng 5" in tie.note
        assert "tranh 3 suất" in tie.note

    def test_tie_at_first_place_with_team_standings(self):
        # 1,1,1 and ranks 1, 1, 3: Nhất and Nhì contested, rank 3 still gets Giải Ba
        allocation = allocate_prizes(entries(1, 1, 3), "1,1,1")
        assert prizes(allocation) == [("m3", BA)]
        assert [(p.label, p.count) for p in allocation.pending] == [(NHAT, 1), (NHI, 1)]

    def test_allocation_is_jsonable(self):
        data = jsonable(allocate_prizes(entries(1, 2, 2), "1,1"))
        assert data["awards"][0]["label"] == NHAT
        assert data["boundary_ties"][0]["entries"] == [
            {"member": "m2", "rank": 2},
            {"member": "m3", "rank": 2},
        ]
