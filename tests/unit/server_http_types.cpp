// is_json_media_type: which Content-Type headers count as a JSON body.
#include "server/http_types.hpp"

#include <gtest/gtest.h>

namespace plenary::server {
namespace {

TEST(JsonMediaType, AcceptsJsonWithOptionalUtf8Charset) {
    for (const char* ok :
         {"application/json", "Application/JSON", " application/json ", "application/json; charset=utf-8",
          "application/json;charset=\"UTF-8\"", "application/merge-patch+json", "application/json;"}) {
        EXPECT_TRUE(is_json_media_type(ok)) << ok;
    }
}

TEST(JsonMediaType, RefusesOtherTypesAndCharsets) {
    for (const char* bad : {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                            "application/jsonp", "text/json", "application/json; charset=latin1",
                            "application/json; boundary=x", "application/+json", "json"}) {
        EXPECT_FALSE(is_json_media_type(bad)) << bad;
    }
}

}  // namespace
}  // namespace plenary::server
