// The demo attendee list; see demo_attendees.hpp.
#include "server/demo/demo_attendees.hpp"

#include "common/email.hpp"
#include "db/connection.hpp"
#include "db/events.hpp"
#include "server/registrations/registration_ledger.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

namespace plenary::demo {

namespace {

struct person {
    std::string_view name;
    std::string_view email_user;
    std::string_view country;
    std::string_view organization;
    std::string_view language;
    std::string_view organization_type;  // ivsec-2's question; empty for the seminar
};

constexpr std::array<person, 30> exchange_conference{{
    {"王磊", "wang.lei", "CN", "北京市志愿服务联合会", "zh", "vio"},
    {"张敏", "zhang.min", "CN", "中国志愿服务联合会", "zh", "vio"},
    {"刘洋", "liu.yang", "CN", "清华大学", "zh", "academia"},
    {"陈静", "chen.jing", "CN", "北京市民政局", "zh", "government"},
    {"赵宇", "zhao.yu", "CN", "北京志愿服务发展研究会", "zh", "academia"},
    {"Aigerim Bekova", "aigerim.bekova", "KZ", "Volunteers of Kazakhstan", "en", "vio"},
    {"Nguyen Thi Lan", "nguyen.lan", "VN", "Vietnam Volunteer Centre", "en", "vio"},
    {"Siti Rahmawati", "siti.rahmawati", "ID", "Indonesia Volunteer Network", "en", "vio"},
    {"Ahmed Hassan", "ahmed.hassan", "EG", "Cairo University", "en", "academia"},
    {"Grace Wanjiru", "grace.wanjiru", "KE", "Kenya Red Cross Society", "en", "vio"},
    {"Tendai Moyo", "tendai.moyo", "ZW", "Ministry of Youth", "en", "government"},
    {"Kofi Mensah", "kofi.mensah", "GH", "Ghana Volunteer Programme", "en", "government"},
    {"Ana Morales", "ana.morales", "MX", "Fundación Voluntarios", "en", "vio"},
    {"Lucas Oliveira", "lucas.oliveira", "BR", "Universidade de São Paulo", "en", "academia"},
    {"Priya Sharma", "priya.sharma", "IN", "National Service Scheme", "en", "government"},
    {"Bilal Khan", "bilal.khan", "PK", "Youth Engagement Forum", "en", "vio"},
    {"Nomvula Dlamini", "nomvula.dlamini", "ZA", "Volunteer Centre Johannesburg", "en", "vio"},
    {"Dilnoza Karimova", "dilnoza.karimova", "UZ", "Tashkent State University", "en", "academia"},
    {"Bat-Erdene Dorj", "baterdene.dorj", "MN", "Mongolian Youth Federation", "en", "vio"},
    {"Somchai Suksai", "somchai.suksai", "TH", "Thai Volunteer Service", "en", "vio"},
    {"Maria Santos", "maria.santos", "PH", "Philippine National Volunteer Service", "en", "government"},
    {"Sok Dara", "sok.dara", "KH", "Cambodian Volunteers for Community Development", "en", "vio"},
    {"Ayesha Rahman", "ayesha.rahman", "BD", "Dhaka Volunteer Alliance", "en", "vio"},
    {"Rustam Nazarov", "rustam.nazarov", "TJ", "Ministry of Culture", "en", "government"},
    {"Elena Petrova", "elena.petrova", "RU", "Association of Volunteer Centres", "en", "vio"},
    {"Mehmet Yilmaz", "mehmet.yilmaz", "TR", "Istanbul Volunteer Platform", "en", "vio"},
    {"Fatima Al-Sayed", "fatima.alsayed", "JO", "UN Volunteers", "en", "un_agency"},
    {"Jean-Paul Habimana", "jeanpaul.habimana", "RW", "Rwanda Youth Volunteers", "en", "vio"},
    {"Sofia Rossi", "sofia.rossi", "IT", "Kunming Business Council", "en", "private_sector"},
    {"Thabo Molefe", "thabo.molefe", "LS", "UN Volunteers", "en", "un_agency"},
}};

constexpr std::array<person, 10> seminar{{
    {"李娜", "li.na", "CN", "南京大学", "zh", ""},
    {"周杰", "zhou.jie", "CN", "江苏省志愿服务联合会", "zh", ""},
    {"孙悦", "sun.yue", "CN", "南京师范大学", "zh", ""},
    {"吴昊", "wu.hao", "CN", "南京市青年志愿者协会", "zh", ""},
    {"Aliya Nurlanova", "aliya.nurlanova", "KZ", "Nanjing University", "en", ""},
    {"Ibrahim Diallo", "ibrahim.diallo", "SN", "Hohai University", "en", ""},
    {"Mariam Tahir", "mariam.tahir", "PK", "Southeast University", "en", ""},
    {"Chanthavy Phommachanh", "chanthavy.p", "LA", "Nanjing Normal University", "en", ""},
    {"Ricardo Gómez", "ricardo.gomez", "CO", "UN Volunteers", "en", ""},
    {"Oksana Shevchenko", "oksana.shevchenko", "UA", "Nanjing University", "en", ""},
}};

db::event_record load(db::connection& conn, std::string_view slug) {
    auto e = db::find_event_by_slug(conn, slug);
    if (!e) throw std::logic_error("demo event missing: " + std::string(slug));
    return std::move(*e);
}

// Session ids of the event's sessions that take sign-ups, in start order.
std::vector<std::int64_t> signup_sessions(db::connection& conn, const db::event_record& e) {
    std::vector<std::int64_t> out;
    for (const auto& s : db::list_sessions(conn, e.id)) {
        if (s.requires_signup) out.push_back(s.id);
    }
    return out;
}

void add(db::connection& conn, const db::event_record& e, const person& p, std::string answers,
         std::vector<std::int64_t> sessions) {
    server::registrations::new_registration n;
    n.record.name = p.name;
    n.record.email = std::string(p.email_user) + "@example.org";
    n.record.email_key = email_key(n.record.email);
    n.record.organization = p.organization;
    n.record.country = p.country;
    n.record.language = p.language;
    n.record.answers_json = std::move(answers);
    n.sessions = std::move(sessions);
    server::registrations::register_attendee(conn, e, std::move(n), std::nullopt);
}

}  // namespace

void add_demo_attendees(db::connection& conn) {
    const auto conference = load(conn, "ivsec-2");
    const auto groups = signup_sessions(conn, conference);
    for (std::size_t i = 0; i < exchange_conference.size(); ++i) {
        const auto& p = exchange_conference[i];
        std::string answers =
            R"({"organization_type":")" + std::string(p.organization_type) + R"(","photo_consent":true})";
        // Alternate between the two parallel group discussions; some pick none.
        std::vector<std::int64_t> chosen;
        if (!groups.empty() && i % 5 != 4) chosen.push_back(groups[i % groups.size()]);
        add(conn, conference, p, std::move(answers), std::move(chosen));
    }
    const auto nanjing = load(conn, "silk-road-hearts-connect");
    const auto roundtable = signup_sessions(conn, nanjing);
    for (const auto& p : seminar) {
        std::string answers = R"({"affiliation":")" + std::string(p.organization) + R"("})";
        add(conn, nanjing, p, std::move(answers), roundtable);
    }
}

}  // namespace plenary::demo
