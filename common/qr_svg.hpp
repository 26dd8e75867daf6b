// QR codes as SVG images, for tickets on screen, in e-mail and on paper.
#pragma once

#include <string>
#include <string_view>

namespace plenary {

// An SVG image of a QR code (error correction level M) holding `text` in
// 8-bit or alphanumeric mode as fits (digit runs may use numeric mode): one
// <path> of the dark modules over a white background, a 4-module quiet zone,
// viewBox in module units, width and height at 8 pixels per module,
// shape-rendering="crispEdges", and a <title> with title_text (XML-escaped;
// left out when empty). Nothing active: no scripts, styles or links.
// Throws std::invalid_argument when text is too long for a QR code.
std::string qr_svg(std::string_view text, std::string_view title_text = {});

}  // namespace plenary
