package org.congressvote.command.demo;

import java.util.ArrayList;
import java.util.List;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.Organisation;
import org.congressvote.api.congress.RosterEntry;
import org.congressvote.api.election.Candidate;

/**
 * The demo congress, after the seed article: the 7th Congress of the Party Committee of the Bloc of Government
 * Agencies of Can Tho City (Dang bo Khoi Co quan Dan Chinh Dang), term 2015-2020: 245 delegates representing 5,008
 * party members of 95 grassroots organisations. Its figures and targets are the article's; every person's name and
 * every organisation's name here is GENERATED, not real.
 */
final class SeedCongress {

    static final String ID = "cantho-7";
    static final String NAME = "Đại hội đại biểu Đảng bộ Khối Cơ quan Dân Chính Đảng thành phố Cần Thơ lần thứ VII, "
            + "nhiệm kỳ 2015 - 2020";
    static final int DELEGATES = 245;
    static final int ALTERNATES = 6;
    static final int ORGANISATIONS = 95;
    static final int MEMBERS = 5008;
    static final int EXECUTIVE_SEATS = 33;
    static final int EXECUTIVE_CANDIDATES = 37;

    /** The resolution's targets for the term, as the article gives them. */
    static final String RESOLUTION_TEXT = String.join(
            "\n",
            "Mục tiêu: tiếp tục xây dựng Đảng bộ Khối trong sạch, vững mạnh; xây dựng đội ngũ cán bộ, đảng viên có phẩm "
                    + "chất đạo đức tốt, bản lĩnh chính trị vững vàng, hoàn thành nhiệm vụ được giao.",
            "1. Hằng năm có 98% đảng viên trở lên và trên 90% công chức, viên chức học tập, quán triệt nghị quyết của "
                    + "Đảng, chính sách pháp luật của Nhà nước.",
            "2. 100% đảng viên đăng ký làm theo tấm gương đạo đức Hồ Chí Minh.",
            "3. Hằng năm có trên 95% đảng viên hoàn thành tốt nhiệm vụ.",
            "4. Trong nhiệm kỳ kết nạp 1.200 đảng viên trở lên.");

    /**
     * Procedural votes of the opening session, in agenda order: id and title. The agenda and the rule each item is
     * decided by are in docs/domain.md, "The congress's agenda".
     */
    static final String[][] PROCEDURAL = {
        {"doan-chu-tich", "Biểu quyết thông qua Đoàn Chủ tịch đại hội"},
        {"doan-thu-ky", "Biểu quyết thông qua Đoàn Thư ký đại hội"},
        {"chuong-trinh", "Thông qua Chương trình đại hội"},
        {"quy-che", "Thông qua Quy chế làm việc của đại hội"},
        {"ban-tham-tra", "Bầu Ban Thẩm tra tư cách đại biểu"},
        {"ban-kiem-phieu", "Bầu Ban Kiểm phiếu"},
    };

    private static final String[] FAMILY = {
        "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ",
        "Dương", "Lý", "Châu", "Lâm"
    };
    private static final String[] MIDDLE = {
        "Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Đức", "Thu", "Hoàng", "Kim", "Bảo", "Thùy", "Công"
    };
    private static final String[] GIVEN = {
        "An", "Bình", "Cường", "Dũng", "Giang", "Hạnh", "Hùng", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga",
        "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vy", "Yến", "Hiếu", "Khánh", "Lộc", "Nhung", "Oanh",
        "Phúc", "Thắng", "Uyên", "Xuân"
    };
    private static final String[] BODIES = {
        "Văn phòng",
        "Sở Tài chính",
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Sở Tư pháp",
        "Sở Nội vụ",
        "Sở Xây dựng",
        "Sở Công Thương",
        "Sở Tài nguyên và Môi trường",
        "Sở Giao thông vận tải",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Khoa học và Công nghệ",
        "Sở Thông tin và Truyền thông",
        "Sở Kế hoạch và Đầu tư",
        "Bệnh viện",
        "Trường",
        "Báo",
        "Ban",
        "Hội"
    };

    private SeedCongress() {}

    /** 95 generated organisations whose members add up to exactly 5,008. */
    static List<Organisation> organisations() {
        List<Organisation> orgs = new ArrayList<>();
        int assigned = 0;
        for (int i = 1; i <= ORGANISATIONS; i++) {
            int members = i == ORGANISATIONS ? MEMBERS - assigned : 30 + (i * 37) % 47; // 30..76, the rest to the last
            assigned += members;
            String kind = i % 3 == 0 ? "Đảng bộ" : "Chi bộ";
            orgs.add(new Organisation(
                    String.format("TC%02d", i),
                    kind + " " + BODIES[i % BODIES.length] + " số " + i + " (tên sinh tự động)",
                    members));
        }
        return orgs;
    }

    static String name(int i) {
        return FAMILY[i % FAMILY.length] + " " + MIDDLE[(i / 3) % MIDDLE.length] + " " + GIVEN[(i * 7) % GIVEN.length];
    }

    /** 245 official delegates, spread over the 95 organisations, and 6 alternates. */
    static List<RosterEntry> roster() {
        List<RosterEntry> roster = new ArrayList<>();
        for (int i = 1; i <= DELEGATES; i++) {
            roster.add(new RosterEntry(
                    String.format("D%03d", i),
                    name(i),
                    String.format("TC%02d", 1 + (i - 1) % ORGANISATIONS),
                    DelegateKind.OFFICIAL,
                    null,
                    i % 40 == 1 ? "Bí thư chi bộ" : null));
        }
        for (int i = 1; i <= ALTERNATES; i++) {
            roster.add(new RosterEntry(
                    String.format("A%03d", i),
                    name(DELEGATES + i * 11),
                    String.format("TC%02d", i * 13 % ORGANISATIONS + 1),
                    DelegateKind.ALTERNATE,
                    null,
                    null));
        }
        return roster;
    }

    /** The executive committee's election: its id, and the motion by which the congress votes its seats. */
    static final String EXECUTIVE_ELECTION = "bch-khoa-7";

    static final String EXECUTIVE_SEATS_MOTION = "bch-khoa-7-so-luong";
    /** 37 names for 33 seats: a surplus of 4, within 30 % of the seats (at most 9). */
    static final int EXECUTIVE_SURPLUS = EXECUTIVE_CANDIDATES - EXECUTIVE_SEATS;

    /** The presidium's list for the executive committee: 37 delegates, every sixth on the roster. */
    static List<Candidate> executiveNominees() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 1; i <= EXECUTIVE_CANDIDATES; i++) {
            candidates.add(new Candidate(String.format("D%03d", i * 6), name(i * 6)));
        }
        return candidates;
    }

    /**
     * The delegation to the city congress (AGENDA 9): the article gives no figures for it, so these are chosen (see
     * docs/domain.md): 20 official delegates and 3 alternates allocated by the city, a surplus of 5 (30 % of the 23
     * places of the ballot allows 6), the presidium's list of 28.
     */
    static final String DELEGATION_ELECTION = "doan-dai-bieu-thanh-pho";

    static final String DELEGATION_SURPLUS_MOTION = "doan-dai-bieu-thanh-pho-so-du";
    static final int DELEGATION_SEATS = 20;
    static final int DELEGATION_ALTERNATES = 3;
    static final int DELEGATION_SURPLUS = 5;

    /** The presidium's list for the delegation: 28 delegates, every eighth on the roster from D011. */
    static List<Candidate> delegationNominees() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < DELEGATION_SEATS + DELEGATION_ALTERNATES + DELEGATION_SURPLUS; i++) {
            int d = 11 + i * 8;
            candidates.add(new Candidate(String.format("D%03d", d), name(d)));
        }
        return candidates;
    }

    /** An election of the first plenum: its electorate is the executive committee (AGENDA 10). */
    record PlenumElection(String id, String title, int seats, String eligibleFrom, List<String> excluding) {}

    static final String STANDING_ELECTION = "btv-khoa-7";
    static final String SECRETARY_ELECTION = "bi-thu-khoa-7";
    static final String INSPECTION_ELECTION = "ubkt-khoa-7";

    /**
     * The first plenum's elections in order; the seats are chosen (the article gives none): a standing committee of 9
     * from the 33 (its candidates must be members of the executive committee), the secretary and 2 deputies from the
     * standing committee, an inspection committee of 7 (which may include members outside the committee) and its
     * chair from it.
     */
    static final PlenumElection[] PLENUM = {
        new PlenumElection(
                STANDING_ELECTION, "Bầu Ban Thường vụ Đảng ủy Khối khóa VII", 9, EXECUTIVE_ELECTION, List.of()),
        new PlenumElection(SECRETARY_ELECTION, "Bầu Bí thư Đảng ủy Khối khóa VII", 1, STANDING_ELECTION, List.of()),
        new PlenumElection(
                "pho-bi-thu-khoa-7",
                "Bầu Phó Bí thư Đảng ủy Khối khóa VII",
                2,
                STANDING_ELECTION,
                List.of(SECRETARY_ELECTION)),
        new PlenumElection(INSPECTION_ELECTION, "Bầu Ủy ban Kiểm tra Đảng ủy Khối khóa VII", 7, null, List.of()),
        new PlenumElection(
                "chu-nhiem-ubkt-khoa-7",
                "Bầu Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối khóa VII",
                1,
                INSPECTION_ELECTION,
                List.of()),
    };
}
