// Tests for common/email: which addresses registration accepts, and the key
// that makes one live registration per address.
#include "common/email.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace plenary;
using namespace std::string_literals;

TEST(EmailProblem, AcceptsOrdinaryAddresses) {
    for (auto email : {"li.wei@example.cn", "a+tag@sub.example.org", "x@y.io", "first.last@example.com",
                       "USER@EXAMPLE.COM", "o'brien@example.ie", "a_b-c@my-host.example.co.uk", "1234@163.com",
                       "weird!#$%&*/=?^`{|}~@example.com", "a@xn--fiqs8s.xn--fiqs8s", "test@123.example.com"}) {
        EXPECT_EQ(email_problem(email), std::nullopt) << email;
    }
}

TEST(EmailProblem, AcceptsInternationalisedAddresses) {
    for (auto email : {"张伟@例子.中国", "张伟@example.cn", "li@例子.中国", "José.Müller@bücher.de",
                       "用户@公司.公司.cn", "пример@пример.рф"}) {
        EXPECT_EQ(email_problem(email), std::nullopt) << email;
    }
}

TEST(EmailProblem, AcceptsLengthLimitsExactly) {
    const std::string local64(64, 'a');
    EXPECT_EQ(email_problem(local64 + "@example.com"), std::nullopt);
    EXPECT_NE(email_problem(local64 + "a@example.com"), std::nullopt);

    const std::string label63(63, 'b');
    EXPECT_EQ(email_problem("a@" + label63 + ".com"), std::nullopt);
    EXPECT_NE(email_problem("a@" + label63 + "b.com"), std::nullopt);

    // 254 bytes in all: 64 + 1 + 189 (labels of 62, 62, 60 and 2 with dots).
    const std::string label62(62, 'c');
    const auto domain189 = label62 + "." + label62 + "." + std::string(60, 'c') + ".cc";
    const auto longest = local64 + "@" + domain189;
    ASSERT_EQ(longest.size(), 254u);
    EXPECT_EQ(email_problem(longest), std::nullopt);
    EXPECT_NE(email_problem(local64 + "@" + domain189 + "c"), std::nullopt);
}

TEST(EmailProblem, RejectsMissingOrRepeatedAt) {
    for (auto email : {"", "plainaddress", "example.com", "a@b@example.com", "@example.com", "user@", "@"}) {
        EXPECT_NE(email_problem(email), std::nullopt) << email;
    }
}

TEST(EmailProblem, ExplainsFullWidthPunctuation) {
    const auto at = email_problem("张伟＠例子.中国");
    ASSERT_TRUE(at);
    EXPECT_NE(at->find("@"), std::string::npos);
    const auto dot = email_problem("张伟@例子。中国");
    ASSERT_TRUE(dot);
    EXPECT_NE(dot->find("dot"), std::string::npos);
    EXPECT_NE(email_problem("a@example．com"), std::nullopt);
}

TEST(EmailProblem, RejectsBadLocalParts) {
    for (auto email :
         {".a@example.com", "a.@example.com", "a..b@example.com", "\"quoted\"@example.com", "a b@example.com",
          "a<b@example.com", "a>b@example.com", "a(b)@example.com", "a[b]@example.com", "a,b@example.com",
          "a;b@example.com", "a:b@example.com", "a\\b@example.com", "<a@example.com>", "Li Wei <li@example.com>"}) {
        EXPECT_NE(email_problem(email), std::nullopt) << email;
    }
}

TEST(EmailProblem, RejectsBadDomains) {
    for (auto email :
         {"a@localhost", "a@example", "a@.example.com", "a@example.com.", "a@example..com", "a@-example.com",
          "a@example-.com", "a@example.-com", "a@exa_mple.com", "a@[127.0.0.1]", "a@1.2.3.4", "a@example.123",
          "a@exa mple.com", "a@example.com/", "a@example.com:25", "a@exa+mple.com"}) {
        EXPECT_NE(email_problem(email), std::nullopt) << email;
    }
}

TEST(EmailProblem, RejectsControlsSpacesAndBadBytes) {
    for (auto email : {"a\tb@example.com"s, "a@example.com\n"s, "a\r\n@example.com"s, "a\0b@example.com"s,
                       "a\x7F@example.com"s, "a\xC2\x85@example.com"s,  // C1 NEL
                       "a\xC2\xA0@example.com"s,                        // no-break space
                       "a@example\xE3\x80\x80.com"s,                    // ideographic space
                       "a\xE2\x80\x8B@example.com"s,                    // zero-width space
                       "\xEF\xBB\xBF"
                       "a@example.com"s,                                       // BOM
                       "a\xFF@example.com"s, "a\xC0\xAF@example.com"s,         // invalid UTF-8
                       "\xE5\xBC\xA0@example.com\xE4"s, " a@example.com"s}) {  // truncated UTF-8, space
        EXPECT_NE(email_problem(email), std::nullopt) << email;
    }
}

TEST(EmailProblem, MessagesAreShortEnglishSentences) {
    for (const auto& email : {""s, "a"s, "a@b"s, std::string(300, 'a'), "a@@b.com"s, "a..b@c.com"s}) {
        const auto problem = email_problem(email);
        ASSERT_TRUE(problem) << email;
        EXPECT_FALSE(problem->empty());
        EXPECT_LT(problem->size(), 100u);
        EXPECT_EQ(problem->back(), '.');
    }
}

TEST(EmailKey, TrimsAndLowercasesAsciiOnly) {
    EXPECT_EQ(email_key("  Li.Wei@Example.CN \r\n"), "li.wei@example.cn");
    EXPECT_EQ(email_key("A+Tag@Sub.Example.Org"), "a+tag@sub.example.org");
    EXPECT_EQ(email_key("张伟@例子.中国"), "张伟@例子.中国");
    EXPECT_EQ(email_key("José@Bücher.DE"), "josé@bücher.de");  // É would stay É: no Unicode folding
    EXPECT_EQ(email_key(""), "");
}

TEST(EmailKey, SameAddressDifferentlyTypedGivesOneKey) {
    EXPECT_EQ(email_key("LI.WEI@EXAMPLE.CN"), email_key(" li.wei@example.cn"));
    EXPECT_NE(email_key("li.wei@example.cn"), email_key("liwei@example.cn"));
}
