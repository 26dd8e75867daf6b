// Implementation of common/qr_svg.hpp on libqrencode.
#include "common/qr_svg.hpp"

#include "common/text.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstddef>
#include <memory>
#include <new>
#include <stdexcept>

namespace plenary {

namespace {

constexpr int quiet_zone = 4;  // modules; the minimum ISO/IEC 18004 asks for
constexpr int pixels_per_module = 8;
// Far above the largest QR code (7089 digits): anything longer is refused
// before its size is narrowed to libqrencode's int.
constexpr std::size_t max_text_bytes = 8192;

struct qrcode_deleter {
    void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};
using qrcode_ptr = std::unique_ptr<QRcode, qrcode_deleter>;

qrcode_ptr encode(std::string_view text) {
    if (text.size() > max_text_bytes) throw std::invalid_argument("text too long for a QR code");
    errno = 0;
    QRcode* code = nullptr;
    if (text.find('\0') == std::string_view::npos) {
        // Lets libqrencode split the text into numeric, alphanumeric and 8-bit
        // segments, which keeps ticket codes and URLs in small symbols.
        const std::string terminated(text);
        code = QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    } else {
        // The string API stops at a NUL; whole-8-bit keeps every byte.
        code = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                                 QR_ECLEVEL_M);
    }
    if (code != nullptr) return qrcode_ptr(code);
    if (errno == ENOMEM) throw std::bad_alloc();
    if (errno == ERANGE) throw std::invalid_argument("text too long for a QR code");
    throw std::invalid_argument("text cannot be encoded as a QR code");
}

// Text for XML character data and attribute values: escaped, valid UTF-8,
// and without the C0 controls XML 1.0 forbids even as references.
std::string xml_escape(std::string_view in) {
    const auto valid = to_valid_utf8(in);
    std::string out;
    out.reserve(valid.size());
    for (char c : valid) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out.push_back(c);
        }
    }
    return out;
}

// One subpath per horizontal run of dark modules: far shorter than a square
// per module, and crisp because every edge lies on the module grid.
std::string dark_modules_path(const QRcode& code) {
    std::string d;
    const int width = code.width;
    for (int y = 0; y < width; ++y) {
        const unsigned char* row = code.data + static_cast<std::ptrdiff_t>(y) * width;
        for (int x = 0; x < width;) {
            if ((row[x] & 1) == 0) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < width && (row[x] & 1) != 0) ++x;
            const auto run = std::to_string(x - start);
            d += 'M' + std::to_string(start + quiet_zone) + ' ' + std::to_string(y + quiet_zone) + 'h' + run + "v1h-" +
                 run + 'z';
        }
    }
    return d;
}

}  // namespace

std::string qr_svg(std::string_view text, std::string_view title_text) {
    const auto code = encode(text);
    const auto modules = std::to_string(code->width + 2 * quiet_zone);
    const auto pixels = std::to_string((code->width + 2 * quiet_zone) * pixels_per_module);
    std::string svg;
    svg += R"(<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width=")" + pixels + R"(" height=")" + pixels +
           R"(" viewBox="0 0 )" + modules + ' ' + modules + R"(" shape-rendering="crispEdges" role="img">)";
    if (!title_text.empty()) svg += "<title>" + xml_escape(title_text) + "</title>";
    svg += R"(<rect width=")" + modules + R"(" height=")" + modules + R"(" fill="#fff"/>)";
    svg += R"(<path fill="#000" d=")" + dark_modules_path(*code) + R"("/></svg>)";
    svg += '\n';
    return svg;
}

}  // namespace plenary
