// Tests for parse_json and json_reader: limits, error kinds and messages, and
// field validation that reports every bad field by its JSON name.
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "common/problem.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

using namespace plenary;

namespace {

problem caught(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const problem& p) {
        return p;
    }
    ADD_FAILURE() << "expected a plenary::problem";
    return problem(errc::internal, "no problem thrown");
}

std::string nested(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

std::string messages(const problem& p) {
    std::string out;
    for (const auto& e : p.errors()) out += e.field + "=" + e.message + ";";
    return out;
}

}  // namespace

TEST(ParseJson, ParsesAnObject) {
    const auto v = parse_json(R"({"a": [1, "x", null, true], "b": {"c": 2.5}})");
    ASSERT_TRUE(v.is_object());
    EXPECT_EQ(v.at("a").as_array().size(), 4u);
    EXPECT_EQ(v.at("b").at("c").as_double(), 2.5);
}

TEST(ParseJson, DepthLimit) {
    EXPECT_NO_THROW(parse_json(nested(32)));
    const auto p = caught([] { parse_json(nested(33)); });
    EXPECT_EQ(p.code(), errc::bad_request);
    EXPECT_EQ(p.detail(), "JSON nested deeper than 32");

    json_limits shallow;
    shallow.max_depth = 2;
    EXPECT_NO_THROW(parse_json("[[1]]", shallow));
    EXPECT_EQ(caught([&] { parse_json("[[[1]]]", shallow); }).code(), errc::bad_request);
}

TEST(ParseJson, DeepNestingDoesNotCrash) {
    const auto p = caught([] { parse_json(nested(100000)); });
    EXPECT_EQ(p.code(), errc::bad_request);
}

TEST(ParseJson, InvalidJsonIsBadRequestWithOffset) {
    const auto p = caught([] { parse_json(R"({"a": [1, 2,, 3]})"); });
    EXPECT_EQ(p.code(), errc::bad_request);
    EXPECT_TRUE(p.detail().starts_with("body is not valid JSON: ")) << p.detail();
    EXPECT_NE(p.detail().find("at offset 12"), std::string::npos) << p.detail();
}

TEST(ParseJson, RejectsNonStandardSyntax) {
    for (const char* body : {"{\"a\":1,}", "[1,]", "// c\n{}", "/* c */ {}", "{'a':1}", "{a:1}", "{} {}", "{\"a\":1",
                             "NaN", "01", "{\"a\":\"tab\there\"}"}) {
        EXPECT_EQ(caught([&] { parse_json(body); }).code(), errc::bad_request) << body;
    }
}

TEST(ParseJson, EmptyBody) {
    const auto p = caught([] { parse_json(""); });
    EXPECT_EQ(p.code(), errc::bad_request);
    EXPECT_EQ(p.detail(), "body is empty; expected JSON");
}

TEST(ParseJson, RejectsInvalidUtf8) {
    for (const char* body : {"{\"a\":\"\xFF\"}", "{\"a\":\"\xC0\xAF\"}", "{\"a\":\"\xED\xA0\x80\"}"}) {
        const auto p = caught([&] { parse_json(body); });
        EXPECT_EQ(p.code(), errc::bad_request);
        EXPECT_EQ(p.detail(), "body is not valid UTF-8");
    }
}

TEST(ParseJson, SizeLimit) {
    json_limits small;
    small.max_bytes = 10;
    EXPECT_NO_THROW(parse_json("[1,2,3,45]", small));
    EXPECT_EQ(caught([&] { parse_json("[1,2,3,456]", small); }).code(), errc::payload_too_large);
}

TEST(JsonReader, TopLevelMustBeAnObject) {
    for (const char* body : {"[]", "1", "\"s\"", "null"}) {
        const auto p = caught([&] { json_reader r(parse_json(body)); });
        EXPECT_EQ(p.code(), errc::validation);
        ASSERT_EQ(p.errors().size(), 1u);
        EXPECT_EQ(p.errors()[0].message, "expected a JSON object");
    }
}

TEST(JsonReader, ReadsValidFields) {
    json_reader r(parse_json(R"({"name":"Ada","cap":10,"on":true,"note":"a\nb","opt":null})"));
    EXPECT_EQ(r.required_string("name", 1, 10), "Ada");
    EXPECT_EQ(r.required_int("cap", 0, 100), 10);
    EXPECT_EQ(r.optional_bool("on"), true);
    EXPECT_EQ(r.optional_string("note", 0, 10, text_kind::multi_line), "a\nb");
    EXPECT_EQ(r.optional_string("opt", 0, 10), std::nullopt);
    EXPECT_EQ(r.optional_int("missing", 0, 1), std::nullopt);
    EXPECT_NO_THROW(r.finish());
}

TEST(JsonReader, CollectsAllErrorsWithFieldNames) {
    json_reader r(parse_json(R"({"name":5,"cap":"ten","on":"yes","email":""})"));
    r.required_string("name", 1, 10);
    r.required_int("cap", 0, 100);
    r.optional_bool("on");
    r.required_string("email", 1, 100);
    r.required_string("country", 2, 2);
    const auto p = caught([&] { r.finish(); });
    EXPECT_EQ(p.code(), errc::validation);
    EXPECT_EQ(messages(p),
              "name=must be a string;cap=must be an integer;on=must be true or false;"
              "email=must not be empty;country=is required;");
    EXPECT_EQ(p.detail(), "5 fields are invalid; first: name: must be a string");
}

TEST(JsonReader, SingleErrorDetailNamesTheField) {
    json_reader r(parse_json(R"({"cap":1000})"));
    r.required_int("cap", 0, 100);
    const auto p = caught([&] { r.finish(); });
    EXPECT_EQ(p.detail(), "cap: must be between 0 and 100");
}

TEST(JsonReader, UnknownFieldsAreRefused) {
    json_reader r(parse_json(R"({"name":"x","nmae":"y","admin":true})"));
    r.required_string("name", 1, 10);
    const auto p = caught([&] { r.finish(); });
    EXPECT_EQ(messages(p), "nmae=unknown field;admin=unknown field;");
}

TEST(JsonReader, LengthIsCountedInCodePoints) {
    // Six Chinese characters are 18 bytes; a 10-character limit must accept them.
    json_reader ok(parse_json(R"({"t":"国际学术会议"})"));
    EXPECT_EQ(ok.required_string("t", 1, 10), "国际学术会议");
    EXPECT_NO_THROW(ok.finish());

    json_reader too_long(parse_json(R"({"t":"国际学术会议"})"));
    too_long.required_string("t", 1, 5);
    EXPECT_EQ(messages(caught([&] { too_long.finish(); })), "t=must be at most 5 characters;");

    json_reader too_short(parse_json(R"({"t":"会"})"));
    too_short.required_string("t", 2, 5);
    EXPECT_EQ(messages(caught([&] { too_short.finish(); })), "t=must be at least 2 characters;");
}

TEST(JsonReader, ControlCharactersRefused) {
    json_reader r(parse_json(R"({"a":"x\u0000y","b":"x\ny","c":"x\u001by","d":"x\u0085","e":"x\ty"})"));
    r.required_string("a", 0, 10, text_kind::multi_line);  // NUL never allowed
    r.required_string("b", 0, 10);
    r.required_string("c", 0, 10, text_kind::multi_line);
    r.required_string("d", 0, 10, text_kind::multi_line);
    EXPECT_EQ(r.required_string("e", 0, 10, text_kind::multi_line), "x\ty");
    const auto p = caught([&] { r.finish(); });
    EXPECT_EQ(messages(p),
              "a=must not contain control characters;b=must not contain control characters;"
              "c=must not contain control characters;d=must not contain control characters;");
}

TEST(JsonReader, IntegerTypesAndRanges) {
    json_reader r(parse_json(R"({"a":1.5,"b":2.0,"c":18446744073709551615,"d":-5,"e":true,"f":7})"));
    r.required_int("a", 0, 10);
    r.required_int("b", 0, 10);
    r.required_int("c", 0, 10);
    r.required_int("d", 0, 10);
    r.optional_int("e", 0, 10);
    EXPECT_EQ(r.optional_int("f", 7, 7), 7);
    const auto p = caught([&] { r.finish(); });
    EXPECT_EQ(messages(p),
              "a=must be an integer;b=must be an integer;c=must be between 0 and 10;"
              "d=must be between 0 and 10;e=must be an integer;");
}

TEST(JsonReader, RequiredNullIsMissing) {
    json_reader r(parse_json(R"({"a":null})"));
    r.required_string("a", 0, 10);
    EXPECT_EQ(messages(caught([&] { r.finish(); })), "a=is required;");
}

TEST(JsonReader, NestedObjectsUseDottedNames) {
    json_reader r(parse_json(R"({"title":{"en":"","zh":"会议","fr":"x"},"venue":3})"));
    auto title = r.optional_object("title");
    ASSERT_TRUE(title.has_value());
    title->optional_string("en", 1, 100);
    EXPECT_EQ(title->optional_string("zh", 1, 100), "会议");
    r.adopt(std::move(*title));
    EXPECT_FALSE(r.optional_object("venue").has_value());
    const auto p = caught([&] { r.finish(); });
    EXPECT_EQ(messages(p), "title.en=must not be empty;title.fr=unknown field;venue=must be an object;");
}

TEST(JsonReader, ArraysAndElementPaths) {
    json_reader r(parse_json(R"({"sessions":[1,"x",3],"tags":"no","many":[1,2,3]})"));
    const auto* sessions = r.optional_array("sessions", 10);
    ASSERT_NE(sessions, nullptr);
    for (std::size_t i = 0; i < sessions->size(); ++i) {
        r.check_int((*sessions)[i], r.path_of("sessions") + "[" + std::to_string(i) + "]", 1, 100);
    }
    EXPECT_EQ(r.optional_array("tags", 10), nullptr);
    EXPECT_EQ(r.optional_array("many", 2), nullptr);
    const auto p = caught([&] { r.finish(); });
    EXPECT_EQ(messages(p), "sessions[1]=must be an integer;tags=must be an array;many=must have at most 2 items;");
}

TEST(JsonReader, NestedReaderOverNonObjectElement) {
    const auto v = parse_json(R"([{"name":"a"}, 5])");
    json_reader first(v.as_array()[0], "speakers[0]");
    EXPECT_EQ(first.required_string("name", 1, 10), "a");
    EXPECT_TRUE(first.ok());
    json_reader second(v.as_array()[1], "speakers[1]");
    second.required_string("name", 1, 10);
    ASSERT_EQ(second.errors().size(), 1u);
    EXPECT_EQ(second.errors()[0].field, "speakers[1]");
    EXPECT_EQ(second.errors()[0].message, "must be an object");
}

TEST(JsonReader, CustomErrorsAndHugeErrorCountsAreBounded) {
    std::string body = "{";
    for (int i = 0; i < 500; ++i) body += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
    body += "}";
    json_reader r(parse_json(body));
    r.error("starts_at", "must be before ends_at");
    const auto p = caught([&] { r.finish(); });
    EXPECT_EQ(p.detail(), "501 fields are invalid; first: starts_at: must be before ends_at");
    EXPECT_LE(p.errors().size(), 50u);
    EXPECT_EQ(p.errors()[0].field, "starts_at");
}

TEST(JsonReader, LoneSurrogateEscapesNeverBecomeText) {
    // Either the parser refuses "\ud800" or the reader does; it must not pass.
    try {
        json_reader r(parse_json(R"({"a":"x\ud800y"})"));
        r.required_string("a", 0, 10);
        const auto p = caught([&] { r.finish(); });
        EXPECT_EQ(p.code(), errc::validation);
    } catch (const problem& p) {
        EXPECT_EQ(p.code(), errc::bad_request);
    }
}
