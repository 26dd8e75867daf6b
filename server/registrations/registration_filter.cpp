// Query-string parsing for registration lists; see registration_filter.hpp.
#include "server/registrations/registration_filter.hpp"

#include "common/countries.hpp"
#include "common/problem.hpp"
#include "common/text.hpp"
#include "server/events/event_access.hpp"

#include <algorithm>

namespace plenary::server::registrations {

namespace {

constexpr std::string_view statuses[] = {"confirmed", "waitlisted", "pending", "cancelled", "rejected"};

}  // namespace

page_query read_page_query(std::string_view query, std::size_t max_limit) {
    using events::query_param;
    page_query out;
    std::vector<field_error> errors;
    if (auto status = query_param(query, "status"); status && !status->empty()) {
        if (std::find(std::begin(statuses), std::end(statuses), *status) == std::end(statuses)) {
            errors.push_back({"status", "must be confirmed, waitlisted, pending, cancelled or rejected"});
        } else {
            out.filter.status = std::move(*status);
        }
    }
    if (auto country = query_param(query, "country"); country && !country->empty()) {
        *country = to_upper_ascii(*country);
        if (!is_iso3166_alpha2(*country)) {
            errors.push_back({"country", "must be an ISO 3166-1 alpha-2 code"});
        } else {
            out.filter.country = std::move(*country);
        }
    }
    if (auto session = query_param(query, "session"); session && !session->empty()) {
        out.filter.session_id = events::parse_positive_id(*session);
        if (!out.filter.session_id) errors.push_back({"session", "must be a session id"});
    }
    if (auto q = query_param(query, "q"); q && !trim(*q).empty()) {
        if (!is_valid_utf8(*q) || has_control_chars(*q) || utf8_length(*q) > 200) {
            errors.push_back({"q", "must be up to 200 characters of text"});
        } else {
            out.filter.query = std::string(trim(*q));
        }
    }
    if (auto limit = query_param(query, "limit"); limit && !limit->empty()) {
        const auto n = events::parse_positive_id(*limit);
        if (!n || *n < 1 || static_cast<std::size_t>(*n) > max_limit) {
            errors.push_back({"limit", "must be between 1 and " + std::to_string(max_limit)});
        } else {
            out.limit = static_cast<std::size_t>(*n);
        }
    }
    if (!errors.empty()) throw problem(errc::validation, "the query has invalid parameters", std::move(errors));
    out.after_id = events::id_cursor(query, "cursor").value_or(0);
    return out;
}

}  // namespace plenary::server::registrations
