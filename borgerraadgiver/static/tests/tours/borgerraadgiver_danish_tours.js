/** @odoo-module **/
// Danish everywhere a user looks: one tour per role walks the screens of its
// work with the user's language Danish, and after each screen checks that no
// visible text (nor placeholder) holds an English word of the list below.
// Started by borgerraadgiver/tests/test_danish_screens.py.  The words found
// are gathered over the whole tour (sessionStorage, so that a page load does
// not lose them) and the last step fails with all of them, screen by screen.

import {registry} from "@web/core/registry";

// Shared with tests/test_danish_screens.py
export const DANISH_SUBJECT = "Venter på svar om hjemmehjælp";

const APP = '[data-menu-xmlid="borgerraadgiver.borgerraadgiver_menu_root"]';
const STORE = "borgerraadgiver_danish_tour_findings";

// English words and phrases a Danish screen must not show; whole words,
// case-sensitive.  Left out because they are Danish too: "Send", "Filter",
// "Import", "Log", "Note", "Status", "Type", "Model", "Total", "for", "to",
// "is", "Sum", "Variation", "Support", "Dashboard", "Administrator", "E-mail"
// (see README, Translations).
export const ENGLISH = [
  "Follow",
  "Following",
  "Followers",
  "followers",
  "Unfollow",
  "Activity",
  "Activities",
  "Planned",
  "Today",
  "Tomorrow",
  "Yesterday",
  "Due",
  "overdue",
  "days",
  "hours",
  "minutes",
  "ago",
  "Send message",
  "Log note",
  "Mark Done",
  "Schedule",
  "Search",
  "Filters",
  "Group By",
  "Sortér efter",
  "Favorites",
  "New",
  "Save",
  "Discard",
  "Archived",
  "Archive",
  "Edit",
  "Delete",
  "Cancel",
  "Close",
  "Open",
  "Create",
  "Add",
  "Remove",
  "Choose",
  "Select",
  "Loading",
  "No records",
  "No record",
  "No recipient",
  "Recipient",
  "Attach",
  "Attachments",
  "Upload",
  "Message",
  "Messages",
  "message",
  "internal",
  "records",
  "search",
  "Settings",
  "Users",
  "Print",
  "Action",
  "Actions",
  "Export",
  "Duplicate",
  "Preferences",
  "Log out",
  "Deadline",
  "Assigned",
  "assigned",
  "the",
  "and",
  "with",
  "your",
  "you",
  "this",
  "has",
  "been",
  "are",
];

const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(${ENGLISH.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\p{L}\\p{N}])`,
  "gu"
);

function isVisible(element) {
  if (element.closest(".o_tour_pointer, script, style, template, noscript")) {
    return false;
  }
  if (element.checkVisibility) {
    return element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  }
  return element.offsetParent !== null;
}

/** The visible texts of the page: text nodes and placeholders. */
function visibleTexts() {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.trim();
    if (text && node.parentElement && isVisible(node.parentElement)) {
      texts.push(text);
    }
  }
  for (const element of document.querySelectorAll("[placeholder]")) {
    const text = element.getAttribute("placeholder").trim();
    if (text && isVisible(element)) {
      texts.push(text);
    }
  }
  return texts;
}

export function englishOnScreen() {
  const found = new Map();
  for (const text of visibleTexts()) {
    for (const match of text.matchAll(PATTERN)) {
      if (!found.has(match[1])) {
        found.set(match[1], text.slice(0, 80));
      }
    }
  }
  return [...found].map(([word, text]) => `"${word}" in "${text}"`);
}

function findings() {
  return JSON.parse(sessionStorage.getItem(STORE) || "[]");
}

/** A step that notes the English on the screen once `trigger` is there. */
function noEnglish(screen, trigger) {
  return {
    content: `No English on: ${screen}`,
    trigger,
    run() {
      const english = englishOnScreen();
      if (english.length) {
        const all = findings();
        all.push(`${screen}: ${english.join(", ")}`);
        sessionStorage.setItem(STORE, JSON.stringify(all));
      }
    },
  };
}

function start() {
  return {
    content: "Start with no findings",
    trigger: "body",
    run() {
      sessionStorage.removeItem(STORE);
    },
  };
}

function verdict() {
  return {
    content: "No English on any screen",
    trigger: "body",
    run() {
      const all = findings();
      sessionStorage.removeItem(STORE);
      if (all.length) {
        throw new Error(`English on the screens:\n${all.join("\n")}`);
      }
    },
  };
}

function searchPanel(screen) {
  return [
    {
      content: "Open the filters, group by and favourites",
      trigger: ".o_control_panel .o_searchview_dropdown_toggler",
      run: "click",
    },
    noEnglish(`${screen}, search options`, ".o_search_bar_menu"),
    {
      content: "Close them",
      trigger: ".o_control_panel .o_searchview_dropdown_toggler",
      run: "click",
    },
    {
      content: "Closed",
      trigger: "body:not(:has(.o_search_bar_menu))",
    },
  ];
}

/** The chatter of the open form: messages, activities, composer, followers. */
function chatter(screen) {
  return [
    noEnglish(`${screen}, form and chatter`, ".o-mail-Chatter .o-mail-Activity"),
    {
      content: "Details of the activity",
      trigger: ".o-mail-Chatter .o-mail-Activity .fa-info-circle",
      run: "click",
    },
    noEnglish(`${screen}, activity details`, ".o-mail-Activity-details"),
    {
      content: "Send a message",
      trigger: ".o-mail-Chatter-sendMessage",
      run: "click",
    },
    noEnglish(`${screen}, message composer`, ".o-mail-Chatter .o-mail-Composer-input"),
    {
      content: "Log a note",
      trigger: ".o-mail-Chatter-logNote",
      run: "click",
    },
    noEnglish(`${screen}, note composer`, ".o-mail-Chatter .o-mail-Composer-input"),
    {
      content: "The followers",
      trigger: ".o-mail-Followers-button",
      run: "click",
    },
    noEnglish(`${screen}, followers`, ".o-mail-Followers-dropdown"),
    {
      content: "Close the followers",
      trigger: ".o-mail-Followers-button",
      run: "click",
    },
  ];
}

function menu(xmlid) {
  return {
    content: `Menu ${xmlid}`,
    trigger: `.o_main_navbar [data-menu-xmlid="${xmlid}"]`,
    run: "click",
  };
}

function subMenu(parent, xmlid) {
  return [
    menu(parent),
    {
      content: `Menu ${xmlid}`,
      trigger: `.dropdown-item[data-menu-xmlid="${xmlid}"]`,
      run: "click",
    },
  ];
}

function switchView(type, ready) {
  return [
    {
      content: `Switch to the ${type} view`,
      trigger: `.o_control_panel .o_switch_view.o_${type}`,
      run: "click",
    },
    {content: `The ${type} view`, trigger: ready},
  ];
}

// The advisor: inquiries (kanban, list, form with chatter and activities)
// and referrals (kanban, form with chatter)
registry.category("web_tour.tours").add("borgerraadgiver_danish_advisor", {
  url: "/odoo",
  steps: () => [
    start(),
    noEnglish(
      "inquiries, kanban",
      `.o_kanban_view .o_kanban_record:contains(${DANISH_SUBJECT})`
    ),
    {
      content: "The activities of the card",
      trigger: `.o_kanban_record:contains(${DANISH_SUBJECT}) .o-mail-ActivityButton`,
      run: "click",
    },
    noEnglish("inquiries, a card's activities", ".o-mail-ActivityListPopover"),
    {
      content: "Close them",
      trigger: `.o_kanban_record:contains(${DANISH_SUBJECT}) .o-mail-ActivityButton`,
      run: "click",
    },
    {
      content: "Her activities in the top bar",
      trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
      run: "click",
    },
    noEnglish("the top bar's activities", ".o-mail-ActivityMenu"),
    {
      content: "Close them",
      trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
      run: "click",
    },
    {
      content: "Her user menu",
      trigger: ".o_menu_systray .o_user_menu button",
      run: "click",
    },
    noEnglish(
      "the user menu",
      ".o_user_menu_dropdown, .dropdown-menu:has([data-menu=logout])"
    ),
    {
      content: "Close it",
      trigger: ".o_menu_systray .o_user_menu button",
      run: "click",
    },
    ...searchPanel("inquiries"),
    ...switchView("list", ".o_list_view .o_data_row"),
    noEnglish("inquiries, list", ".o_list_view .o_data_row"),
    {
      content: "The inquiry's number is headed Nummer, not Antal",
      trigger: ".o_list_view th[data-name=name]:contains(Nummer)",
    },
    {
      content: "Open the inquiry",
      trigger: `.o_list_view .o_data_row td.o_data_cell:contains(${DANISH_SUBJECT})`,
      run: "click",
    },
    ...chatter("inquiry"),
    {
      content: "Schedule an activity",
      trigger: ".o-mail-Chatter-activity",
      run: "click",
    },
    noEnglish("inquiry, schedule an activity", ".modal .o_form_view"),
    {
      content: "Discard",
      trigger:
        ".modal .modal-footer .o_form_button_cancel, .modal .modal-footer button[special=cancel]",
      run: "click",
    },
    {
      content: "The dialog is closed",
      trigger: "body:not(:has(.modal))",
    },
    menu("borgerraadgiver.borgerraadgiver_referral_menu"),
    noEnglish(
      "referrals, kanban",
      `.o_kanban_view .o_kanban_record:contains(${DANISH_SUBJECT})`
    ),
    {
      content: "Open the referral",
      trigger: `.o_kanban_view .o_kanban_record:contains(${DANISH_SUBJECT})`,
      run: "click",
    },
    ...chatter("referral"),
    verdict(),
  ],
});

// Centre staff: a referral of another centre (the access error), then
// their referrals (kanban, list, form with chatter and activities)
registry.category("web_tour.tours").add("borgerraadgiver_danish_centre", {
  steps: () => [
    start(),
    noEnglish("access error", ".o_error_dialog, .modal:has(.o_dialog_error)"),
    {
      content: "Close the error",
      trigger: ".modal .modal-footer .btn-primary",
      run: "click",
    },
    {
      content: "The apps",
      trigger: ".o_navbar_apps_menu button",
      run: "click",
    },
    {
      content: "Open the Borgerrådgiver app",
      trigger: `.o_app${APP}, .dropdown-item${APP}`,
      run: "click",
    },
    noEnglish(
      "referrals, kanban",
      `.o_kanban_view .o_kanban_record:contains(${DANISH_SUBJECT})`
    ),
    ...searchPanel("referrals"),
    {
      content: "Search for what is not there",
      trigger: ".o_searchview_input",
      run: "edit Ingenting at finde",
    },
    {
      content: "Search",
      trigger: ".o_searchview_input",
      run: "press Enter",
    },
    noEnglish("referrals, nothing found", ".o_view_nocontent, .o_nocontent_help"),
    {
      content: "Remove the search",
      trigger: ".o_searchview_facet .o_facet_remove",
      run: "click",
    },
    ...switchView("list", ".o_list_view .o_data_row"),
    noEnglish("referrals, list", ".o_list_view .o_data_row"),
    {
      content: "Open the referral",
      trigger: `.o_list_view .o_data_row td.o_data_cell:contains(${DANISH_SUBJECT})`,
      run: "click",
    },
    ...chatter("referral"),
    verdict(),
  ],
});

// Management: the statistics (pivot, graph), supervision and teaching, the
// yearly report, the Dashboards app
registry.category("web_tour.tours").add("borgerraadgiver_danish_manager", {
  url: "/odoo",
  steps: () => [
    start(),
    noEnglish("statistics, pivot", ".o_pivot_view .o_pivot table"),
    ...searchPanel("statistics"),
    ...switchView("graph", ".o_graph_view .o_graph_renderer canvas"),
    noEnglish("statistics, graph", ".o_graph_view .o_graph_renderer canvas"),
    ...subMenu(
      "borgerraadgiver.borgerraadgiver_reporting_menu",
      "borgerraadgiver.borgerraadgiver_supervision_analysis_menu"
    ),
    noEnglish("supervision and teaching, pivot", ".o_pivot_view .o_pivot table"),
    ...subMenu(
      "borgerraadgiver.borgerraadgiver_reporting_menu",
      "borgerraadgiver.borgerraadgiver_annual_report_menu"
    ),
    noEnglish("yearly reports, list", ".o_list_view .o_data_row"),
    {
      content: "Open the report of 2020",
      trigger: ".o_list_view .o_data_row td.o_data_cell:contains(31-12-2020)",
      run: "click",
    },
    noEnglish("yearly report, form", ".o_form_view button[name=action_print_workbook]"),
    {
      content: "The apps",
      trigger: ".o_navbar_apps_menu button",
      run: "click",
    },
    {
      content: "The Dashboards app",
      trigger:
        '[data-menu-xmlid="spreadsheet_dashboard.spreadsheet_dashboard_menu_root"]',
      run: "click",
    },
    noEnglish("dashboards", ".o_spreadsheet_dashboard_action .o-spreadsheet"),
    verdict(),
  ],
});

// The administrator: the settings, a user's form
registry.category("web_tour.tours").add("borgerraadgiver_danish_admin", {
  url: "/odoo/settings",
  steps: () => [
    start(),
    noEnglish("settings", ".o_settings_container, .app_settings_block"),
    {
      content: "The users",
      trigger: "body",
      run() {
        window.location.href = "/odoo/action-base.action_res_users";
      },
      expectUnloadPage: true,
    },
    noEnglish("users, list", ".o_list_view .o_data_row"),
    {
      content: "Open the advisor",
      trigger: ".o_list_view .o_data_row td.o_data_cell:contains(Karen Holm)",
      run: "click",
    },
    noEnglish("user, form", ".o_form_view .o_field_widget[name=login]"),
    verdict(),
  ],
});
