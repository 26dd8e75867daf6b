// Waiting-list positions: counted from whichever end of the line is nearer,
// they must equal a plain count of the people ahead wherever one stands,
// including with gaps left by people who were promoted or cancelled. And an
// inserted record reads back exactly as stored, since the writer answers a
// new registration from it.
#include "db/connection.hpp"
#include "db/events.hpp"
#include "db/migrations.hpp"
#include "db/registrations.hpp"
#include "db_test_support.hpp"

#include <gtest/gtest.h>

#include <tuple>

namespace plenary::db {
namespace {

class WaitingListPosition : public ::testing::Test {
protected:
    void SetUp() override {
        apply_migrations(conn_);
        event_record e;
        e.slug = "queue";
        e.title = {"Queue", ""};
        e.timezone = "UTC";
        e.starts_at = "2030-01-01T09:00:00Z";
        e.ends_at = "2030-01-01T17:00:00Z";
        e.status = "published";
        e.created_at = e.updated_at = "2026-01-01T00:00:00Z";
        event_id_ = insert_event(conn_, e);
    }

    std::int64_t add_waiting(int n) {
        registration_record r;
        r.event_id = event_id_;
        r.status = "waitlisted";
        const auto number = std::to_string(n);
        r.name = std::string("Person ").append(number);
        r.email = r.email_key = std::string("p").append(number).append("@example.org");
        r.country = "CN";
        r.ticket_code = std::string("CODE").append(number);
        r.queue_seq = next_event_queue_seq(conn_, event_id_);
        r.created_at = r.updated_at = "2026-01-01T00:00:00Z";
        const auto id = insert_registration(conn_, r, std::string("hash").append(number));
        seqs_.push_back(*r.queue_seq);
        return id;
    }

    std::int64_t counted_position(std::int64_t seq) {
        return conn_.query_int64("SELECT count(*) FROM registrations WHERE status = 'waitlisted' AND queue_seq < " +
                                 std::to_string(seq)) +
               1;
    }

    testing::scratch_dir dir_;
    connection conn_{dir_.file("q.db"), open_mode::read_write};
    std::int64_t event_id_ = 0;
    std::vector<std::int64_t> seqs_;
};

TEST_F(WaitingListPosition, EqualsTheCountOfPeopleAheadFromEitherEnd) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 41; ++i) ids.push_back(add_waiting(i));
    // Gaps near the front and in the back half: promoted and cancelled people.
    for (const auto i : {0, 1, 5, 30, 31, 39}) {
        set_registration_status(conn_, ids[static_cast<std::size_t>(i)], i % 2 ? "cancelled" : "confirmed",
                                std::nullopt);
    }
    int checked = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto r = find_registration(conn_, event_id_, ids[i]);
        ASSERT_TRUE(r);
        if (r->status != "waitlisted") continue;
        EXPECT_EQ(event_queue_position(conn_, event_id_, seqs_[i]), counted_position(seqs_[i])) << "seq " << seqs_[i];
        ++checked;
    }
    EXPECT_EQ(checked, 35);
    EXPECT_EQ(event_queue_position(conn_, event_id_, seqs_.back()), 35);  // the newest is last
    EXPECT_EQ(event_queue_position(conn_, event_id_, seqs_[2]), 1);       // the first two left the line
}

TEST_F(WaitingListPosition, ListedSeqsGivePositionsInOrder) {
    for (int i = 0; i < 5; ++i) add_waiting(i);
    EXPECT_EQ(event_queue_seqs(conn_, event_id_), seqs_);
}

TEST_F(WaitingListPosition, InsertFillsTheRecordAsFindReadsIt) {
    registration_record r;
    r.event_id = event_id_;
    r.status = "confirmed";
    r.name = "李华 Li Hua";
    r.email = "Li.Hua@Example.org";
    r.email_key = "li.hua@example.org";
    r.organization = "Volunteer Service Association";
    r.country = "CN";
    r.language = "zh";
    r.answers_json = R"({"affiliation":"NGO"})";
    r.ticket_code = "T0001";
    r.source = "organizer";
    r.cancelled_at = "stale";  // a reused record: the new row has none
    const auto id = insert_registration(conn_, r, "hash-li");
    EXPECT_EQ(r.id, id);
    const auto stored = find_registration(conn_, event_id_, id);
    ASSERT_TRUE(stored);
    EXPECT_FALSE(r.created_at.empty());
    const auto fields = [](const registration_record& x) {
        return std::tie(x.id, x.event_id, x.status, x.name, x.email, x.email_key, x.organization, x.country, x.language,
                        x.answers_json, x.ticket_code, x.queue_seq, x.source, x.created_at, x.updated_at,
                        x.cancelled_at);
    };
    EXPECT_TRUE(fields(*stored) == fields(r))
        << "stored " << stored->name << " " << stored->created_at << " vs " << r.name << " " << r.created_at;
}

}  // namespace
}  // namespace plenary::db
