// The ISO 3166-1 alpha-2 table behind common/countries.hpp.
#include "common/countries.hpp"

#include <algorithm>
#include <array>

namespace plenary {

namespace {

// Officially assigned codes only, as ISO maintains them; kept sorted so a
// lookup is a binary search and the list can be handed out as is.
constexpr std::array<std::string_view, 249> codes = {
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",  //
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",  //
    "BT", "BV", "BW", "BY", "BZ",                                                                    //
    "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW",  //
    "CX", "CY", "CZ",                                                                                //
    "DE", "DJ", "DK", "DM", "DO", "DZ",                                                              //
    "EC", "EE", "EG", "EH", "ER", "ES", "ET",                                                        //
    "FI", "FJ", "FK", "FM", "FO", "FR",                                                              //
    "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT",  //
    "GU", "GW", "GY",                                                                                //
    "HK", "HM", "HN", "HR", "HT", "HU",                                                              //
    "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",                                      //
    "JE", "JM", "JO", "JP",                                                                          //
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",                                //
    "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",                                //
    "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",  //
    "MT", "MU", "MV", "MW", "MX", "MY", "MZ",                                                        //
    "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",                          //
    "OM",                                                                                            //
    "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",              //
    "QA",                                                                                            //
    "RE", "RO", "RS", "RU", "RW",                                                                    //
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",  //
    "ST", "SV", "SX", "SY", "SZ",                                                                    //
    "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",  //
    "UA", "UG", "UM", "US", "UY", "UZ",                                                              //
    "VA", "VC", "VE", "VG", "VI", "VN", "VU",                                                        //
    "WF", "WS",                                                                                      //
    "YE", "YT",                                                                                      //
    "ZA", "ZM", "ZW",                                                                                //
};

}  // namespace

const std::vector<std::string_view>& iso3166_alpha2_codes() {
    static const std::vector<std::string_view> list(codes.begin(), codes.end());
    return list;
}

bool is_iso3166_alpha2(std::string_view code) {
    return code.size() == 2 && std::binary_search(codes.begin(), codes.end(), code);
}

}  // namespace plenary
