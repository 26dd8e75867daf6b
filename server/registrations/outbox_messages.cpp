// English and Chinese texts of the attendee messages; see outbox_messages.hpp.
#include "server/registrations/outbox_messages.hpp"

#include "common/ticket_code.hpp"
#include "db/connection.hpp"

#include <array>

namespace plenary::server::registrations {

namespace {

struct message_text {
    std::string_view kind;
    std::string_view subject_en;
    std::string_view line_en;
    std::string_view subject_zh;
    std::string_view line_zh;
};

constexpr std::array<message_text, 8> texts{{
    {"confirmed", "Your place is confirmed", "Your registration is confirmed. Show your ticket at the entrance.",
     "报名已确认", "您的报名已确认。入场时请出示电子票。"},
    {"waitlisted", "You are on the waiting list", "The event is full; you are on the waiting list at position {pos}.",
     "您已进入候补名单", "活动名额已满，您在候补名单中排第 {pos} 位。"},
    {"pending", "Registration received", "The organizers review every registration; we will write again.",
     "已收到您的报名", "主办方将审核报名，审核后会再通知您。"},
    {"promoted", "A place is yours", "A place became free and it is now yours. Show your ticket at the entrance.",
     "您已获得名额", "有名额空出，现已分配给您。入场时请出示电子票。"},
    {"cancelled", "Registration cancelled", "Your registration has been cancelled.", "报名已取消", "您的报名已取消。"},
    {"rejected", "Registration not accepted", "We are sorry: the organizers could not accept your registration.",
     "报名未获通过", "很抱歉，主办方未能接受您的报名。"},
    {"session_promoted", "A seat is yours", "A seat became free in \"{session}\" and it is now yours.",
     "您已获得分会场座位", "“{session}”有座位空出，现已分配给您。"},
    {"session_cancelled", "A session was cancelled",
     "The session \"{session}\" has been cancelled. Your registration for the event is unchanged.", "分会场已取消",
     "分会场“{session}”已取消，您的活动报名不受影响。"},
}};

const message_text& text_for(std::string_view kind) {
    for (const auto& t : texts) {
        if (t.kind == kind) return t;
    }
    return texts[0];
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

}  // namespace

void queue_message(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                   std::string_view kind, const db::bilingual* session_title) {
    const bool zh = r.language == "zh";
    const auto& t = text_for(kind);
    const auto& title = event.title.prefer(r.language);
    std::string line(zh ? t.line_zh : t.line_en);
    if (r.queue_seq)
        line = replace_all(line, "{pos}", std::to_string(db::event_queue_position(conn, event.id, *r.queue_seq)));
    if (session_title) line = replace_all(line, "{session}", session_title->prefer(r.language));

    std::string body = (zh ? r.name + "，您好：\n\n" : "Dear " + r.name + ",\n\n") + line + "\n\n";
    body += (zh ? "活动：" : "Event: ") + title + "\n";
    if (r.status == "confirmed") body += (zh ? "票号：" : "Ticket: ") + format_ticket_code(r.ticket_code) + "\n";
    body += (zh ? "活动页面：" : "Event page: ") + std::string("/e/") + event.slug + "\n";

    db::outbox_message m;
    m.event_id = event.id;
    m.registration_id = r.id;
    m.kind = std::string(kind);
    m.language = r.language;
    m.recipient = r.email;
    m.subject = std::string(zh ? t.subject_zh : t.subject_en) + " — " + title;
    m.body = std::move(body);
    db::insert_outbox(conn, m);
}

}  // namespace plenary::server::registrations
