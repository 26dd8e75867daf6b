// The organizer side of registrations through the real server: search,
// filters and cursor pages, detail with history, CSV export (BOM, Chinese,
// formula neutralisation), the outbox, and who may see any of it.
#include "registration_test_support.hpp"

#include <gtest/gtest.h>

#include <set>

namespace plenary::testing {
namespace {

namespace json = boost::json;

class RegistrationAdmin : public ::testing::Test {
protected:
    RegistrationAdmin() {
        f_.create_event("conf", R"("capacity":3,"questions":[{"key":"org_type","type":"short_text",
                                    "label":{"en":"Organization type","zh":"机构类型"}}])");
        session_ = f_.add_session("conf", "Round-table", 2, 10);
        add("Li Wei", "li.wei@example.cn", "CN", "Tsinghua University", "zh");
        add("Amani Njeri", "amani@example.org", "KE", "=HYPERLINK(\"http://evil\")", "en");
        add("王芳", "wang.fang@example.cn", "CN", "南京大学", "zh");
        add("Jonas Berg", "jonas@example.org", "DE", "@SUM(A1)", "en");  // waitlisted
        add("Maria Silva", "maria@example.org", "BR", "-2+3", "en");     // waitlisted
    }

    void add(const std::string& name, const std::string& email, const std::string& country, const std::string& org,
             const std::string& language) {
        json::object body{{"name", name},
                          {"email", email},
                          {"country", country},
                          {"organization", org},
                          {"language", language},
                          {"sessions", json::array{session_}},
                          {"answers", json::object{{"org_type", "+ngo"}}}};
        const auto res = f_.register_attendee("conf", json::serialize(body));
        ASSERT_EQ(res.result(), http::status::created) << res.body();
        ids_.push_back(registration_fixture::json_of(res).at("id").as_int64());
    }

    json::object list(const std::string& query) {
        const auto res = f_.call(http::verb::get, "/api/v1/events/conf/registrations" + query, f_.organizer_token());
        EXPECT_EQ(res.result(), http::status::ok) << res.body();
        return registration_fixture::json_of(res).as_object();
    }

    static std::set<std::string> names(const json::object& page) {
        std::set<std::string> out;
        for (const auto& item : page.at("items").as_array()) out.emplace(item.at("name").as_string());
        return out;
    }

    registration_fixture f_;
    std::int64_t session_ = 0;
    std::vector<std::int64_t> ids_;
};

TEST_F(RegistrationAdmin, SearchesAndFilters) {
    EXPECT_EQ(list("").at("total"), 5);
    EXPECT_EQ(names(list("?q=LI%20WEI")), std::set<std::string>{"Li Wei"});
    EXPECT_EQ(names(list("?q=%E5%8D%97%E4%BA%AC")), std::set<std::string>{"王芳"});  // 南京, organization
    EXPECT_EQ(names(list("?q=example.cn")), (std::set<std::string>{"Li Wei", "王芳"}));
    EXPECT_EQ(names(list("?status=waitlisted")), (std::set<std::string>{"Jonas Berg", "Maria Silva"}));
    EXPECT_EQ(names(list("?country=CN&status=confirmed")), (std::set<std::string>{"Li Wei", "王芳"}));
    EXPECT_EQ(list("?session=" + std::to_string(session_)).at("total"), 5);
    EXPECT_EQ(list("?session=999999").at("total"), 0);
    const auto page = list("?status=waitlisted");
    EXPECT_EQ(page.at("items").at(0).at("waitlist_position"), 1);
    EXPECT_EQ(page.at("items").at(0).at("source"), "self");
    // Wildcards are text, not patterns.
    EXPECT_EQ(list("?q=%25").at("total"), 0);
}

TEST_F(RegistrationAdmin, CursorPagesCoverEveryRowOnce) {
    std::set<std::int64_t> seen;
    std::string cursor;
    for (int pages = 0; pages < 10; ++pages) {
        const auto page = list("?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
        for (const auto& item : page.at("items").as_array()) EXPECT_TRUE(seen.insert(item.at("id").as_int64()).second);
        if (page.at("next_cursor").is_null()) break;
        cursor = std::string(page.at("next_cursor").as_string());
    }
    EXPECT_EQ(seen.size(), 5u);
}

TEST_F(RegistrationAdmin, BadQueriesNameTheParameter) {
    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{{"?status=maybe", "status"},
                                                                                       {"?country=XX", "country"},
                                                                                       {"?limit=0", "limit"},
                                                                                       {"?limit=5000", "limit"},
                                                                                       {"?cursor=abc", "cursor"},
                                                                                       {"?session=-1", "session"}}) {
        const auto res = f_.call(http::verb::get, "/api/v1/events/conf/registrations" + query, f_.organizer_token());
        EXPECT_EQ(res.result(), http::status::unprocessable_entity) << query;
        EXPECT_EQ(registration_fixture::error_fields(res), std::vector<std::string>{field}) << query;
    }
}

TEST_F(RegistrationAdmin, DetailHasHistory) {
    const auto target = "/api/v1/events/conf/registrations/" + std::to_string(ids_[0]);
    ASSERT_EQ(f_.call(http::verb::delete_, target, f_.organizer_token()).result(), http::status::ok);
    const auto res = f_.call(http::verb::get, target, f_.organizer_token());
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    const auto j = registration_fixture::json_of(res);
    EXPECT_EQ(j.at("status"), "cancelled");
    std::set<std::string> actions;
    for (const auto& h : j.at("history").as_array()) actions.emplace(h.at("action").as_string());
    EXPECT_TRUE(actions.count("registration.create"));
    EXPECT_TRUE(actions.count("registration.cancel"));
    EXPECT_EQ(f_.call(http::verb::get, "/api/v1/events/conf/registrations/999999", f_.organizer_token()).result(),
              http::status::not_found);
}

TEST_F(RegistrationAdmin, CsvHasBomChineseAndNoFormulas) {
    const auto res = f_.call(http::verb::get, "/api/v1/events/conf/registrations.csv", f_.organizer_token());
    ASSERT_EQ(res.result(), http::status::ok);
    EXPECT_TRUE(std::string(res[http::field::content_type]).starts_with("text/csv"));
    const auto& csv = res.body();
    ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBF"));
    EXPECT_NE(csv.find("王芳"), std::string::npos);
    EXPECT_NE(csv.find("南京大学"), std::string::npos);
    EXPECT_NE(csv.find("Organization type"), std::string::npos);
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil\"\")\""), std::string::npos) << csv;
    EXPECT_NE(csv.find("'@SUM(A1)"), std::string::npos);
    EXPECT_NE(csv.find("'-2+3"), std::string::npos);
    EXPECT_NE(csv.find("'+ngo"), std::string::npos);
    EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos);
    // One header and five rows, CRLF-terminated.
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 6);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\r'), 6);
    // Filters apply to the export too.
    const auto waiting =
        f_.call(http::verb::get, "/api/v1/events/conf/registrations.csv?status=waitlisted", f_.organizer_token());
    EXPECT_EQ(std::count(waiting.body().begin(), waiting.body().end(), '\n'), 3);
}

TEST_F(RegistrationAdmin, OutboxSpeaksEachAttendeesLanguage) {
    const auto res = f_.call(http::verb::get, "/api/v1/events/conf/outbox", f_.organizer_token());
    ASSERT_EQ(res.result(), http::status::ok);
    const auto body = registration_fixture::json_of(res);
    const auto& items = body.at("items").as_array();
    ASSERT_EQ(items.size(), 5u);
    int zh = 0;
    int waitlisted = 0;
    for (const auto& m : items) {
        if (m.at("language") == "zh") {
            ++zh;
            EXPECT_NE(std::string(m.at("subject").as_string()).find("报名已确认"), std::string::npos);
        }
        if (m.at("kind") == "waitlisted") {
            ++waitlisted;
            EXPECT_NE(std::string(m.at("body").as_string()).find("position"), std::string::npos);
        }
    }
    EXPECT_EQ(zh, 2);
    EXPECT_EQ(waitlisted, 2);
}

TEST_F(RegistrationAdmin, OnlyTheEventsStaffMaySeeRegistrations) {
    const auto other = f_.make_staff_token("other@example.org", "organizer");
    const auto admin = f_.make_staff_token("root@example.org", "admin");
    for (const auto* target :
         {"/api/v1/events/conf/registrations", "/api/v1/events/conf/registrations.csv", "/api/v1/events/conf/outbox"}) {
        EXPECT_EQ(f_.call(http::verb::get, target).result(), http::status::unauthorized) << target;
        EXPECT_EQ(f_.call(http::verb::get, target, other).result(), http::status::forbidden) << target;
        EXPECT_EQ(f_.call(http::verb::get, target, admin).result(), http::status::ok) << target;
    }
    const auto cancel = "/api/v1/events/conf/registrations/" + std::to_string(ids_[1]);
    EXPECT_EQ(f_.call(http::verb::delete_, cancel, other).result(), http::status::forbidden);
    EXPECT_EQ(f_.call(http::verb::delete_, cancel).result(), http::status::unauthorized);
    // A manage token is no organizer credential.
    const auto mine = f_.register_person("conf", "nosy@example.org");
    EXPECT_EQ(
        f_.call(http::verb::get, "/api/v1/events/conf/registrations", std::string(mine.at("manage_token").as_string()))
            .result(),
        http::status::unauthorized);
}

}  // namespace
}  // namespace plenary::testing
