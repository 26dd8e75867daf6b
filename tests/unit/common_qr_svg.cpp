// Tests for common/qr_svg. The round trip renders the SVG's path to a
// greyscale PGM here and has zbarimg (Debian zbar-tools) decode it: this
// machine has no SVG rasteriser (no rsvg-convert, no ImageMagick convert),
// and ImageMagick's built-in SVG reader that zbarimg falls back on renders
// paths unreliably at some sizes, while zbarimg reads PGM dependably.
#include "common/qr_svg.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace plenary;
using namespace std::string_literals;

namespace {

constexpr int quiet_zone = 4;

struct parsed_svg {
    int modules = 0;  // side of the viewBox, quiet zone included
    std::vector<std::vector<bool>> dark;
};

// The value of attribute `name` on the first <tag> element. Plain string
// search: libstdc++'s std::regex recurses per character and overflows the
// stack on a path several kilobytes long.
std::string attribute(const std::string& svg, const std::string& tag, const std::string& name) {
    const auto open = svg.find("<" + tag + " ");
    if (open == std::string::npos) return {};
    const auto element = svg.substr(open, svg.find('>', open) - open);
    const auto at = element.find(" " + name + "=\"");
    if (at == std::string::npos) return {};
    const auto value = at + name.size() + 3;
    return element.substr(value, element.find('"', value) - value);
}

// Fills the module grid from the path: each subpath is a rectangle on the
// grid (M x y, then h/v moves, then z), which is all qr_svg emits.
parsed_svg parse(const std::string& svg) {
    parsed_svg out;
    std::istringstream view_box(attribute(svg, "svg", "viewBox"));
    int min_x = -1, min_y = -1, height = -1;
    if (!(view_box >> min_x >> min_y >> out.modules >> height) || min_x != 0 || min_y != 0 || out.modules != height) {
        throw std::runtime_error("no square viewBox at the origin");
    }
    out.dark.assign(out.modules, std::vector<bool>(out.modules, false));
    std::istringstream d(attribute(svg, "path", "d"));
    int x = 0, y = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    for (char cmd; d >> cmd;) {
        int n = 0;
        if (cmd == 'M') {
            if (!(d >> x >> y)) throw std::runtime_error("bad M in path");
            x0 = x1 = x;
            y0 = y1 = y;
            continue;
        }
        if (cmd != 'z' && !(d >> n)) throw std::runtime_error("bad number in path");
        if (cmd == 'h') x += n;
        if (cmd == 'v') y += n;
        if (cmd != 'h' && cmd != 'v' && cmd != 'z') throw std::runtime_error("unexpected path command");
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        if (cmd != 'z') continue;
        if (x0 < 0 || y0 < 0 || x1 > out.modules || y1 > out.modules) throw std::runtime_error("outside viewBox");
        for (int r = y0; r < y1; ++r) {
            for (int c = x0; c < x1; ++c) out.dark[r][c] = true;
        }
    }
    return out;
}

// Event-handler attributes (onload=...) anywhere in the document.
bool has_event_attribute(const std::string& svg) {
    for (auto at = svg.find(" on"); at != std::string::npos; at = svg.find(" on", at + 1)) {
        auto end = at + 3;
        while (end < svg.size() && std::isalpha(static_cast<unsigned char>(svg[end]))) ++end;
        if (end > at + 3 && end < svg.size() && svg[end] == '=') return true;
    }
    return false;
}

std::filesystem::path write_pgm(const parsed_svg& qr, const std::string& name) {
    constexpr int scale = 4;
    const int side = qr.modules * scale;
    const auto path =
        std::filesystem::temp_directory_path() / ("plenary_qr_" + std::to_string(::getpid()) + "_" + name + ".pgm");
    std::ofstream f(path, std::ios::binary);
    f << "P5\n" << side << ' ' << side << "\n255\n";
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) f.put(qr.dark[y / scale][x / scale] ? '\0' : '\xFF');
    }
    return path;
}

struct command_result {
    int status = -1;
    std::string out;
};

command_result run(const std::string& command) {
    command_result result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return result;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.out.append(buffer, n);
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// The bytes zbarimg reads back from the QR code of `text`. Fails the test
// (no skipping) when the tool is missing, so a bare machine cannot pass.
std::string decode_with_zbar(const std::string& text, const std::string& name) {
    if (run("command -v zbarimg").status != 0) {
        ADD_FAILURE() << "zbarimg is not installed: add the Debian package zbar-tools to the Makefile's DEBS";
        return {};
    }
    const auto pgm = write_pgm(parse(qr_svg(text)), name);
    const auto err = pgm.string() + ".err";
    // -Sbinary: the raw bytes, no guessing at a character set.
    const auto result = run("zbarimg --quiet --raw -Sbinary '" + pgm.string() + "' 2>'" + err + "'");
    std::ifstream err_in(err);
    const std::string errors((std::istreambuf_iterator<char>(err_in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(result.status, 0) << "zbarimg found no QR code in " << pgm << ":\n" << errors;
    if (result.status == 0) std::filesystem::remove(pgm);
    std::filesystem::remove(err);
    return result.out;
}

}  // namespace

TEST(QrSvg, DecodesBackWithZbar) {
    const std::vector<std::string> texts = {
        "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345",
        "https://plenary.example/tickets/ABCDEFGHJKLMNPQRSTUVWXYZ2345?lang=zh-CN",
        "张伟 · 第三届学术会议 · 2025年10月",
        "0123456789 mixed Case AND UPPER 42",
        "nul\0inside"s,
        std::string(600, 'q').append("END"),
    };
    for (std::size_t i = 0; i < texts.size(); ++i) {
        EXPECT_EQ(decode_with_zbar(texts[i], "decode" + std::to_string(i)), texts[i]) << "text #" << i;
    }
}

TEST(QrSvg, HasTheAdvertisedStructure) {
    const auto svg = qr_svg("https://plenary.example/t/1", "Ticket");
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_NE(svg.find("</svg>"), std::string::npos);
    const auto qr = parse(svg);
    EXPECT_EQ((qr.modules - 2 * quiet_zone - 17) % 4, 0) << "not a QR symbol size: " << qr.modules;
    EXPECT_EQ(attribute(svg, "svg", "width"), std::to_string(qr.modules * 8));
    EXPECT_EQ(attribute(svg, "svg", "height"), std::to_string(qr.modules * 8));
    EXPECT_EQ(attribute(svg, "svg", "shape-rendering"), "crispEdges");
    EXPECT_EQ(attribute(svg, "path", "fill"), "#000");

    std::size_t paths = 0;
    for (auto at = svg.find("<path"); at != std::string::npos; at = svg.find("<path", at + 1)) ++paths;
    EXPECT_EQ(paths, 1u);
    for (auto active : {"<script", "href", "style", "<foreignObject", "javascript:"}) {
        EXPECT_EQ(svg.find(active), std::string::npos) << active;
    }
    EXPECT_FALSE(has_event_attribute(svg));

    // The quiet zone is light; the finder pattern's corner starts right inside it.
    for (int i = 0; i < qr.modules; ++i) {
        for (int k = 0; k < quiet_zone; ++k) {
            EXPECT_FALSE(qr.dark[k][i] || qr.dark[qr.modules - 1 - k][i] || qr.dark[i][k] ||
                         qr.dark[i][qr.modules - 1 - k]);
        }
    }
    EXPECT_TRUE(qr.dark[quiet_zone][quiet_zone]);
    EXPECT_TRUE(qr.dark[quiet_zone + 6][quiet_zone + 6]);
}

TEST(QrSvg, UsesAlphanumericModeWhenItFits) {
    // 34 symbols fit version 2-M (25 modules) as alphanumerics; as 8-bit
    // bytes, which lowercase letters need, they take version 3 (29).
    EXPECT_EQ(parse(qr_svg("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345")).modules, 25 + 2 * quiet_zone);
    EXPECT_EQ(parse(qr_svg("abcd-efgh-jklm-npqr-stuv-wxyz-2345")).modules, 29 + 2 * quiet_zone);
}

TEST(QrSvg, IsDeterministic) {
    EXPECT_EQ(qr_svg("same", "t"), qr_svg("same", "t"));
    EXPECT_NE(qr_svg("same"), qr_svg("different"));
}

TEST(QrSvg, EscapesTheTitle) {
    const auto svg = qr_svg("x", "<script>alert(1)</script> & \"q\" 'a'");
    EXPECT_NE(svg.find("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos;</title>"),
              std::string::npos)
        << svg;
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_NE(qr_svg("x", "张伟的门票").find("<title>张伟的门票</title>"), std::string::npos);
}

TEST(QrSvg, TitleStaysWellFormedXml) {
    // XML 1.0 forbids most control characters even escaped; bad UTF-8 would
    // make the whole document unreadable.
    EXPECT_NE(qr_svg("x", "a\x01\x1B\0b"s).find("<title>ab</title>"), std::string::npos);
    EXPECT_NE(qr_svg("x", "a\tb").find("<title>a\tb</title>"), std::string::npos);
    EXPECT_NE(qr_svg("x", "a\xFF").find("<title>a\xEF\xBF\xBD</title>"), std::string::npos);
    EXPECT_EQ(qr_svg("x").find("<title"), std::string::npos);
}

TEST(QrSvg, ThrowsWhenTextIsTooLong) {
    // Version 40-M holds 2331 bytes in 8-bit mode.
    EXPECT_EQ(parse(qr_svg(std::string(2331, 'x'))).modules, 177 + 2 * quiet_zone);
    EXPECT_THROW(qr_svg(std::string(2332, 'x')), std::invalid_argument);
    EXPECT_THROW(qr_svg(std::string(6000, '7')), std::invalid_argument);
    EXPECT_THROW(qr_svg(std::string(100000, 'x')), std::invalid_argument);
    EXPECT_THROW(qr_svg(std::string(3000, '\0')), std::invalid_argument);
}
