// Construction helpers for plenary::problem.
#include "common/problem.hpp"

#include <utility>

namespace plenary {

problem::problem(errc code, std::string detail, std::vector<field_error> errors)
    : code_(code), detail_(std::move(detail)), errors_(std::move(errors)) {}

problem problem::invalid(std::string field, std::string message) {
    std::string detail = field + ": " + message;
    return problem(errc::validation, std::move(detail), {field_error{std::move(field), std::move(message)}});
}

}  // namespace plenary
