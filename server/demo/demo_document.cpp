// The demo import document, embedded as a raw string so the binary needs no
// data files. Names, organisations and agendas follow the source material in
// /work/shared/source-material; Chinese personal names are left in Latin
// script where their characters are not certain.
#include "server/demo/demo_document.hpp"

namespace plenary::demo {

namespace {

constexpr std::string_view document = R"json({
"events": [
{
  "slug": "ivsec-2",
  "title": {"en": "The 2nd International Volunteer Service Exchange Conference",
            "zh": "第二届国际志愿服务交流会"},
  "description": {
    "en": "Around 250 participants from 30 countries meet in Beijing under the framework of South-South cooperation. Co-hosted by the United Nations Volunteers (UNV) programme and the Beijing Volunteer Service Federation (BVF), the two-day conference brings together governments, volunteer involving organizations, academic institutions, the private sector and UN agencies to exchange experiences and ideas on leveraging volunteerism for sustainable development, continuing the dialogue that began at the first conference in 2015.",
    "zh": "来自30个国家的约250名代表在南南合作框架下齐聚北京。本次为期两天的会议由联合国志愿人员组织与北京市志愿服务联合会共同主办，政府、志愿服务组织、学术机构、私营部门和联合国机构的代表将交流经验与想法，探讨如何发挥志愿服务对可持续发展的推动作用，延续2015年首届交流会开启的对话。"},
  "venue": "Beijing, China · 中国北京",
  "timezone": "Asia/Shanghai",
  "starts_at": "2027-01-11T09:00:00+08:00",
  "ends_at": "2027-01-12T17:00:00+08:00",
  "capacity": 250,
  "status": "published",
  "requires_approval": false,
  "questions": [
    {"key": "organization_type", "type": "single_choice", "required": true,
     "label": {"en": "Which kind of organization do you represent?", "zh": "您代表哪类机构？"},
     "options": [
       {"value": "government", "label": {"en": "Government", "zh": "政府部门"}},
       {"value": "vio", "label": {"en": "Volunteer involving organization", "zh": "志愿服务组织"}},
       {"value": "academia", "label": {"en": "Academic institution", "zh": "学术机构"}},
       {"value": "private_sector", "label": {"en": "Private sector", "zh": "私营部门"}},
       {"value": "un_agency", "label": {"en": "UN agency", "zh": "联合国机构"}}]},
    {"key": "discussion_groups", "type": "multiple_choice", "required": false,
     "label": {"en": "Which group discussions interest you?", "zh": "您对哪些分组讨论感兴趣？"},
     "options": [
       {"value": "peer_learning", "label": {"en": "Peer learning and good practices", "zh": "同伴学习与良好实践"}},
       {"value": "partnerships", "label": {"en": "Partnership building", "zh": "合作伙伴关系建设"}}]},
    {"key": "dietary", "type": "short_text", "required": false,
     "label": {"en": "Dietary requirements", "zh": "饮食要求"}},
    {"key": "photo_consent", "type": "consent", "required": true,
     "label": {"en": "I agree that photos taken at the conference may be published by UNV and BVF.",
               "zh": "我同意联合国志愿人员组织和北京市志愿服务联合会发布会议期间拍摄的照片。"}}
  ],
  "rooms": [
    {"name": "Main Hall", "capacity": 300},
    {"name": "Meeting Room A", "capacity": 60},
    {"name": "Meeting Room B", "capacity": 60}
  ],
  "sessions": [
    {"kind": "ceremony", "room": "Main Hall",
     "title": {"en": "Opening session", "zh": "开幕式"},
     "abstract": {"en": "Welcome by the co-hosts and opening remarks on volunteering, South-South cooperation and the Belt and Road Initiative.",
                  "zh": "主办方致欢迎辞，围绕志愿服务、南南合作与“一带一路”倡议作开幕致辞。"},
     "starts_at": "2027-01-11T09:00:00+08:00", "ends_at": "2027-01-11T09:45:00+08:00",
     "speakers": [
       {"name": "Olivier Adam", "organization": "United Nations Volunteers (UNV) programme, Executive Coordinator", "role": "speaker"},
       {"name": "Nicholas Rosellini", "organization": "UN Resident Coordinator and UNDP Resident Representative in China", "role": "speaker"}]},
    {"kind": "break", "title": {"en": "Group photo and tea break", "zh": "合影及茶歇"},
     "starts_at": "2027-01-11T09:45:00+08:00", "ends_at": "2027-01-11T10:15:00+08:00"},
    {"kind": "plenary", "room": "Main Hall", "track": "South-South cooperation",
     "title": {"en": "Plenary: South-South cooperation through volunteering", "zh": "全体会议：以志愿服务推动南南合作"},
     "abstract": {"en": "More and more volunteers serving abroad come from middle-income countries, with experience well suited to sharing with other developing countries facing similar challenges. How can the South build a strong constituency and voice in international volunteering?",
                  "zh": "越来越多赴海外服务的志愿者来自中等收入国家，他们的经验尤其适合与面临相似挑战的其他发展中国家分享。南方国家如何在国际志愿服务中形成更强的合力与声音？"},
     "starts_at": "2027-01-11T10:15:00+08:00", "ends_at": "2027-01-11T12:00:00+08:00",
     "speakers": [{"name": "Olivier Adam", "organization": "United Nations Volunteers (UNV) programme, Executive Coordinator", "role": "speaker"}]},
    {"kind": "break", "title": {"en": "Lunch", "zh": "午餐"},
     "starts_at": "2027-01-11T12:00:00+08:00", "ends_at": "2027-01-11T13:30:00+08:00"},
    {"kind": "plenary", "room": "Main Hall", "track": "SDGs",
     "title": {"en": "Plenary: Volunteering for the Sustainable Development Goals", "zh": "全体会议：志愿服务助力可持续发展目标"},
     "abstract": {"en": "Mainstreaming volunteering into national development priorities of low- and middle-income countries, and SDG 17, Partnerships for the Goals.",
                  "zh": "将志愿服务纳入中低收入国家的国家发展重点，以及可持续发展目标17“促进目标实现的伙伴关系”。"},
     "starts_at": "2027-01-11T13:30:00+08:00", "ends_at": "2027-01-11T15:00:00+08:00",
     "speakers": [{"name": "Nicholas Rosellini", "organization": "UN Resident Coordinator and UNDP Resident Representative in China", "role": "speaker"}]},
    {"kind": "break", "title": {"en": "Tea break", "zh": "茶歇"},
     "starts_at": "2027-01-11T15:00:00+08:00", "ends_at": "2027-01-11T15:30:00+08:00"},
    {"kind": "plenary", "room": "Main Hall", "track": "Belt and Road",
     "title": {"en": "Plenary: People-to-people bonds — volunteering and the Belt and Road Initiative",
               "zh": "全体会议：民心相通——志愿服务与“一带一路”倡议"},
     "abstract": {"en": "Of the Initiative's five pillars (policy coordination, facilities connectivity, unimpeded trade, financial integration and people-to-people bonds), the last offers a bottom-up, people-centred approach to sustainable development. How can China, the UN system and BRI countries collaborate on volunteering and people-to-people exchange?",
                  "zh": "在政策沟通、设施联通、贸易畅通、资金融通、民心相通五大领域中，民心相通为可持续发展提供了自下而上、以人为本的路径。中国、联合国系统与共建“一带一路”国家如何围绕志愿服务与人文交流开展合作？"},
     "starts_at": "2027-01-11T15:30:00+08:00", "ends_at": "2027-01-11T17:30:00+08:00"},
    {"kind": "workshop", "room": "Meeting Room A", "requires_signup": true, "track": "Group discussions",
     "title": {"en": "Group discussion: Peer learning and sharing good practices", "zh": "分组讨论：同伴学习与良好实践分享"},
     "starts_at": "2027-01-12T09:00:00+08:00", "ends_at": "2027-01-12T11:00:00+08:00"},
    {"kind": "workshop", "room": "Meeting Room B", "requires_signup": true, "track": "Group discussions",
     "title": {"en": "Group discussion: Building partnerships for international volunteering", "zh": "分组讨论：构建国际志愿服务合作伙伴关系"},
     "abstract": {"en": "New opportunities for innovative partnerships that jointly overcome development challenges through international volunteering.",
                  "zh": "探索通过国际志愿服务共同应对发展挑战的创新伙伴关系新机遇。"},
     "starts_at": "2027-01-12T09:00:00+08:00", "ends_at": "2027-01-12T11:00:00+08:00"},
    {"kind": "break", "title": {"en": "Tea break", "zh": "茶歇"},
     "starts_at": "2027-01-12T11:00:00+08:00", "ends_at": "2027-01-12T11:30:00+08:00"},
    {"kind": "plenary", "room": "Main Hall",
     "title": {"en": "Report-back from the group discussions", "zh": "分组讨论成果汇报"},
     "starts_at": "2027-01-12T11:30:00+08:00", "ends_at": "2027-01-12T12:30:00+08:00"},
    {"kind": "ceremony", "room": "Main Hall",
     "title": {"en": "Closing session", "zh": "闭幕式"},
     "starts_at": "2027-01-12T14:00:00+08:00", "ends_at": "2027-01-12T15:00:00+08:00"}
  ]
},
{
  "slug": "silk-road-hearts-connect",
  "title": {"en": "\"Silk Road Hearts Connect\" International Voluntary Service Seminar",
            "zh": "“丝路心相通”国际志愿服务研讨会"},
  "description": {
    "en": "Organized by the International Volunteer Service Working Committee and hosted by its Secretariat and the Nanjing Civilization Office. Experts, scholars and youth representatives from international institutions, research institutes and NGOs exchange experiences in promoting sustainable development through voluntary service. The seminar releases the \"Collection of Results of Gen Z International Volunteering Practice\" and closes with a round-table.",
    "zh": "由国际志愿服务工作委员会主办，国际志愿服务工作委员会秘书处与南京市文明办承办。来自国际机构、研究机构和社会组织的专家学者与青年代表交流以志愿服务促进可持续发展的经验与成果。研讨会发布《Z世代国际志愿服务实践成果集》，并以圆桌对话收尾。"},
  "venue": "Nanjing, China · 中国南京",
  "timezone": "Asia/Shanghai",
  "starts_at": "2027-01-19T09:00:00+08:00",
  "ends_at": "2027-01-19T12:30:00+08:00",
  "capacity": 120,
  "status": "published",
  "public_display": true,
  "questions": [
    {"key": "affiliation", "type": "short_text", "required": true,
     "label": {"en": "Institution or organization", "zh": "所在机构或组织"}},
    {"key": "youth_representative", "type": "single_choice", "required": false,
     "label": {"en": "Are you attending as a youth representative?", "zh": "您是否以青年代表身份参会？"},
     "options": [
       {"value": "yes", "label": {"en": "Yes", "zh": "是"}},
       {"value": "no", "label": {"en": "No", "zh": "否"}}]}
  ],
  "rooms": [
    {"name": "Seminar Hall", "capacity": 150},
    {"name": "Round-table Room", "capacity": 40}
  ],
  "sessions": [
    {"kind": "ceremony", "room": "Seminar Hall",
     "title": {"en": "Opening addresses", "zh": "开幕致辞"},
     "abstract": {"en": "Nanjing's role in advancing voluntary service globally, and the part international volunteer service plays in building a community with a shared future for humanity and in a decade of the Belt and Road Initiative.",
                  "zh": "南京在推动全球志愿服务发展中的作用，以及国际志愿服务在构建人类命运共同体和共建“一带一路”十年中的作用。"},
     "starts_at": "2027-01-19T09:00:00+08:00", "ends_at": "2027-01-19T09:45:00+08:00",
     "speakers": [
       {"name": "Jing Disheng", "organization": "Nanjing Civilization Office, Director", "country": "CN", "role": "speaker"},
       {"name": "Duan Guiqing", "organization": "China Volunteer Service Federation, Deputy Secretary-General", "country": "CN", "role": "speaker"}]},
    {"kind": "ceremony", "room": "Seminar Hall",
     "title": {"en": "Release of the \"Collection of Results of Gen Z International Volunteering Practice\"",
               "zh": "《Z世代国际志愿服务实践成果集》发布"},
     "abstract": {"en": "Twenty cases of international volunteer service, including work by the Amity Foundation and the China Rural Development Foundation.",
                  "zh": "发布20个国际志愿服务案例，包括爱德基金会、中国乡村发展基金会等机构的实践。"},
     "starts_at": "2027-01-19T09:45:00+08:00", "ends_at": "2027-01-19T10:30:00+08:00"},
    {"kind": "break", "title": {"en": "Tea break", "zh": "茶歇"},
     "starts_at": "2027-01-19T10:30:00+08:00", "ends_at": "2027-01-19T10:45:00+08:00"},
    {"kind": "roundtable", "room": "Round-table Room", "capacity": 30, "requires_signup": true,
     "title": {"en": "Round-table: The Path and Prospects of International Volunteer Service in the New Era",
               "zh": "圆桌对话：新时代国际志愿服务的路径与展望"},
     "topic": "The Path and Prospects of International Volunteer Service in the New Era",
     "starts_at": "2027-01-19T10:45:00+08:00", "ends_at": "2027-01-19T12:30:00+08:00",
     "speakers": [
       {"name": "Secretariat representative", "organization": "International Volunteer Service Working Committee Secretariat", "country": "CN", "role": "moderator"},
       {"name": "Amity Foundation representative", "organization": "Amity Foundation", "country": "CN", "role": "panelist"},
       {"name": "China Rural Development Foundation representative", "organization": "China Rural Development Foundation", "country": "CN", "role": "panelist"},
       {"name": "Youth volunteer representative", "organization": "Gen Z international volunteers", "role": "panelist"}]}
  ]
},
{
  "slug": "ivsec-1",
  "title": {"en": "The 1st International Volunteer Service Exchange Conference", "zh": "首届国际志愿服务交流会"},
  "description": {
    "en": "Co-hosted by the United Nations Volunteers (UNV) programme and the Beijing Volunteer Service Federation (BVF): volunteering as a driving force for international and South-South cooperation in the post-2015 sustainable development agenda, with speakers from volunteer involving organisations, foreign ministries, national volunteer programmes, international NGOs and the UN, and participants from six continents.",
    "zh": "由联合国志愿人员组织与北京市志愿服务联合会共同主办，聚焦志愿服务在2015年后可持续发展议程中推动国际合作与南南合作的作用。来自志愿服务组织、外交部门、国家志愿服务项目、国际非政府组织和联合国的嘉宾发言，参会者来自六大洲。"},
  "venue": "Beijing, China · 中国北京",
  "timezone": "Asia/Shanghai",
  "starts_at": "2027-02-01T09:00:00+08:00",
  "ends_at": "2027-02-02T17:00:00+08:00",
  "capacity": 200,
  "status": "published",
  "rooms": [{"name": "Conference Hall", "capacity": 220}, {"name": "Breakout Room", "capacity": 50}],
  "sessions": [
    {"kind": "ceremony", "room": "Conference Hall",
     "title": {"en": "Opening remarks", "zh": "开幕致辞"},
     "abstract": {"en": "\"It is time that middle-income-country advocates of volunteerism also take an even stronger role in leading towards sustainable development together with the United Nations.\"",
                  "zh": "中等收入国家的志愿服务倡导者应与联合国一道，在引领可持续发展方面发挥更大作用。"},
     "starts_at": "2027-02-01T09:00:00+08:00", "ends_at": "2027-02-01T09:45:00+08:00",
     "speakers": [{"name": "Richard Dictus", "organization": "United Nations Volunteers (UNV) programme, Executive Coordinator", "role": "speaker"}]},
    {"kind": "plenary", "room": "Conference Hall",
     "title": {"en": "Plenary: Volunteering and the post-2015 sustainable development agenda", "zh": "全体会议：志愿服务与2015年后可持续发展议程"},
     "starts_at": "2027-02-01T10:00:00+08:00", "ends_at": "2027-02-01T12:00:00+08:00"},
    {"kind": "panel", "room": "Conference Hall",
     "title": {"en": "Panel: National and international volunteer programmes at scale", "zh": "专题讨论：大规模的国家与国际志愿服务项目"},
     "abstract": {"en": "Over 250,000 national volunteers mobilised in Nigeria each year, 50,000 international volunteers deployed by KOICA, and 2 million volunteers registered in Beijing.",
                  "zh": "尼日利亚每年动员逾25万名国内志愿者，韩国国际协力团已派遣5万名国际志愿者，北京注册志愿者达200万人。"},
     "starts_at": "2027-02-01T13:30:00+08:00", "ends_at": "2027-02-01T15:30:00+08:00"},
    {"kind": "workshop", "room": "Breakout Room", "requires_signup": true,
     "title": {"en": "Group discussion: Knowledge exchange and reciprocal volunteering", "zh": "分组讨论：知识交流与双向志愿服务"},
     "starts_at": "2027-02-02T09:00:00+08:00", "ends_at": "2027-02-02T11:00:00+08:00"},
    {"kind": "workshop", "room": "Conference Hall",
     "title": {"en": "Group discussion: Joint programmes between middle-income countries", "zh": "分组讨论：中等收入国家间的联合项目"},
     "starts_at": "2027-02-02T09:00:00+08:00", "ends_at": "2027-02-02T11:00:00+08:00"},
    {"kind": "plenary", "room": "Conference Hall",
     "title": {"en": "Closing plenary: A network for ongoing knowledge exchange", "zh": "闭幕全体会议：建立持续的知识交流网络"},
     "starts_at": "2027-02-02T14:00:00+08:00", "ends_at": "2027-02-02T16:00:00+08:00"}
  ]
},
{
  "slug": "tripartite-q1",
  "title": {"en": "Tripartite Meeting of the First Quarter on the UN Volunteer Service Cooperation Project",
            "zh": "联合国志愿服务合作项目第一季度三方会议"},
  "description": {
    "en": "Quarterly meeting of the project partners: UNV China, the Beijing Youth League, CICETE and the Beijing Volunteer Service Federation (BVF). BVF summarises last year's progress and presents this year's work plan; the parties discuss the \"Belt and Road\" Volunteer Service Alliance, the deployment of UN Youth Volunteers and integrating the project into national strategies.",
    "zh": "项目合作方季度会议：联合国志愿人员组织驻华办公室、共青团北京市委员会、中国国际经济技术交流中心和北京市志愿服务联合会。北京市志愿服务联合会总结上一年度项目进展并介绍本年度工作计划，各方就“一带一路”志愿服务联盟建设、联合国青年志愿者派遣以及项目如何融入国家战略交换意见。"},
  "venue": "Beijing Youth League, Beijing · 共青团北京市委员会",
  "timezone": "Asia/Shanghai",
  "starts_at": "2027-02-04T09:30:00+08:00",
  "ends_at": "2027-02-04T12:00:00+08:00",
  "capacity": 12,
  "status": "published",
  "requires_approval": true,
  "rooms": [{"name": "Meeting Room", "capacity": 12}],
  "sessions": [
    {"kind": "other", "room": "Meeting Room",
     "title": {"en": "Project progress and annual work plan", "zh": "项目进展总结与年度工作计划"},
     "starts_at": "2027-02-04T09:30:00+08:00", "ends_at": "2027-02-04T10:15:00+08:00",
     "speakers": [{"name": "Li Lei", "organization": "Beijing Volunteer Service Guidance Center, Deputy Director", "country": "CN", "role": "speaker"}]},
    {"kind": "roundtable", "room": "Meeting Room",
     "title": {"en": "Discussion among the three parties", "zh": "三方讨论"},
     "topic": "\"Belt and Road\" Volunteer Service Alliance; deployment of UN Youth Volunteers; integrating the project into national strategies",
     "starts_at": "2027-02-04T10:15:00+08:00", "ends_at": "2027-02-04T11:45:00+08:00",
     "speakers": [
       {"name": "Li Jian", "organization": "Beijing Youth League, Deputy Secretary General", "country": "CN", "role": "moderator"},
       {"name": "Zheng Kun", "organization": "UNV China, Country Programme Assistant", "country": "CN", "role": "panelist"},
       {"name": "Liu Jun", "organization": "CICETE, Chief of International Talents Exchange and Cooperation Division", "country": "CN", "role": "panelist"},
       {"name": "Li Huaying", "organization": "CICETE, Deputy Chief of International Talents Exchange and Cooperation Division", "country": "CN", "role": "panelist"}]},
    {"kind": "other", "room": "Meeting Room",
     "title": {"en": "Wrap-up and next steps", "zh": "总结与下一步安排"},
     "starts_at": "2027-02-04T11:45:00+08:00", "ends_at": "2027-02-04T12:00:00+08:00"}
  ]
}
]
})json";

}  // namespace

std::string_view demo_document() noexcept {
    return document;
}

}  // namespace plenary::demo
