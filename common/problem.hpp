// The domain error every layer throws. It names what went wrong in domain terms
// (errc) and, for validation, which fields; server/error_mapping.cpp is the one
// place that turns it into an HTTP status and an RFC 9457 problem+json body.
#pragma once

#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace plenary {

enum class errc {
    bad_request,   // malformed syntax: bad JSON, bad header
    validation,    // well-formed but a field is wrong (see field errors)
    unauthorized,  // no or unknown credentials
    forbidden,     // credentials known, not allowed
    not_found,
    method_not_allowed,
    conflict,  // duplicate, state clash
    gone,
    payload_too_large,
    unsupported_media_type,
    header_too_large,
    too_many_requests,  // rate limited; retry_after() says when
    unavailable,        // overloaded or storage failing; safe to retry
    internal,           // a bug: logged, reported as 500
};

struct field_error {
    std::string field;  // JSON pointer-ish path, e.g. "title.en" or "sessions[2]"
    std::string message;
};

class problem : public std::exception {
public:
    problem(errc code, std::string detail, std::vector<field_error> errors = {});

    // Validation failure on one field; the detail repeats the field name so a
    // client that only shows `detail` still learns which field it was.
    static problem invalid(std::string field, std::string message);

    errc code() const noexcept { return code_; }
    const std::string& detail() const noexcept { return detail_; }
    const std::vector<field_error>& errors() const noexcept { return errors_; }
    std::optional<int> retry_after_seconds() const noexcept { return retry_after_; }
    problem& with_retry_after(int seconds) {
        retry_after_ = seconds;
        return *this;
    }
    // A more specific problem "type" than the code's own (the last segment of
    // its URI, e.g. "kiosk-revoked"), for clients that must tell cases apart.
    const std::optional<std::string>& type_slug() const noexcept { return type_slug_; }
    problem& with_type(std::string slug) {
        type_slug_ = std::move(slug);
        return *this;
    }
    const char* what() const noexcept override { return detail_.c_str(); }

private:
    errc code_;
    std::string detail_;
    std::vector<field_error> errors_;
    std::optional<int> retry_after_;
    std::optional<std::string> type_slug_;
};

}  // namespace plenary
