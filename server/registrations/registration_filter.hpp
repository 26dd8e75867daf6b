// The organizer list's query string: filters (status, country, session, q),
// cursor and page size, validated with field-named errors.
#pragma once

#include "db/registrations.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace plenary::server::registrations {

struct page_query {
    db::registration_filter filter;
    std::int64_t after_id = 0;  // from the opaque cursor
    std::size_t limit = 50;
};

// max_limit bounds `limit` (the CSV export asks for more per page).
page_query read_page_query(std::string_view query, std::size_t max_limit = 200);

}  // namespace plenary::server::registrations
