/** @odoo-module **/
// The advisor's day in the browser, in Danish, one tour per role; started by
// borgerraadgiver/tests/test_tours.py (HttpCase.start_tour).  Every step
// checks what is on the screen: a trigger that never appears fails the tour
// (and Odoo keeps a screenshot of the screen at that moment).

import { registry } from "@web/core/registry";
import { formatDate } from "@web/core/l10n/dates";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const { DateTime } = luxon;

// "Today" is the municipality's day, in the time zone of its working-day
// calendar (models/municipal_day.py), not the browser's: Chromium started by
// the tests runs in UTC, a day behind Copenhagen from 23:00 UTC.
const MUNICIPAL_TZ = "Europe/Copenhagen";
const today = () => DateTime.now().setZone(MUNICIPAL_TZ);

// Shared with tests/test_tours.py
export const SUBJECT = "Otte måneders ventetid på svar om aflastning";
export const CITIZEN = "Grethe Thomsen";
export const REFERRAL_TEXT = "Borgeren har ventet otte måneder på svar om aflastning.";
export const CENTRE_ANSWER = "Centret har beklaget ventetiden og truffet afgørelse.";

const APP = '[data-menu-xmlid="borgerraadgiver.borgerraadgiver_menu_root"]';
const column = (title) => `.o_kanban_group:has(.o_column_title:contains(${title}))`;
const card = (title, subject) => `${column(title)} .o_kanban_record:contains(${subject})`;
const field = (name) => `.o_form_view .o_field_widget[name=${name}]`;
const button = (name, label) => `.o_form_statusbar button[name=${name}]:contains(${label}):enabled`;
const stage = (label) => `.o_statusbar_status button.o_arrow_button_current:contains(${label})`;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The centre's deadline as the form shows it, checked again on the card
let deadline = null;

/** Pick `label` in the autocomplete of the many2one `name` after typing `text`. */
function many2one(name, text, label = text) {
    return [
        {
            content: `Type ${text} in ${name}`,
            trigger: `${field(name)} input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${label}`,
            trigger: `.o-autocomplete--dropdown-menu .dropdown-item:contains(${label})`,
            run: "click",
        },
        {
            content: `${name} is ${label}`,
            trigger: `${field(name)} input:value(${label})`,
        },
    ];
}

function saveForm() {
    return [
        { content: "Save", trigger: ".o_form_button_save:enabled", run: "click" },
        { content: "Saved", trigger: ".o_form_view .o_form_saved" },
    ];
}

// (a) The advisor registers a phone call, forwards it to B&L and finds the
// card in the "Hos center" column with the centre's deadline.
registry.category("web_tour.tours").add("borgerraadgiver_advisor_forwards", {
    url: "/odoo",
    steps: () => [
        {
            content: "Her home action is the inquiries' kanban, in Danish",
            trigger: `.o_kanban_view ${column("Ny")}`,
        },
        {
            content: "The columns are the stages of the path",
            trigger: `.o_kanban_view ${column("Hos center")}`,
        },
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Borgerrådgiver app",
            trigger: `.o_app${APP}`,
            run: "click",
        },
        {
            content: "The app opens on the inquiries",
            trigger: ".o_breadcrumb:contains(Henvendelser)",
        },
        {
            content: "New inquiry: the quick create opens in the column Ny",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Only the column Ny offers the quick create",
            trigger: `${column("Ny")} .o_kanban_quick_create`,
            run() {
                const columns = [...document.querySelectorAll(".o_kanban_group")];
                const offering = columns.filter((c) => c.querySelector(".o_kanban_quick_add"));
                if (offering.length !== 1 || !offering[0].textContent.includes("Ny")) {
                    throw new Error(`quick add offered in ${offering.length} columns`);
                }
            },
        },
        {
            content: "The citizen's immediate problem",
            trigger: ".o_kanban_quick_create .o_field_widget[name=subject] input",
            run: `edit ${SUBJECT}`,
        },
        {
            content: "Register the citizen on the fly",
            trigger: ".o_kanban_quick_create .o_field_widget[name=citizen_id] input",
            run: `edit ${CITIZEN}`,
        },
        {
            content: "Create the citizen",
            trigger: `.o-autocomplete--dropdown-menu .o_m2o_dropdown_option_create:contains(${CITIZEN})`,
            run: "click",
        },
        {
            content: "The citizen is set",
            trigger: `.o_kanban_quick_create .o_field_widget[name=citizen_id] input:value(${CITIZEN})`,
        },
        {
            content: "She called",
            trigger: ".o_kanban_quick_create .o_field_widget[name=channel] select",
            run: "selectByLabel Telefon",
        },
        {
            content: "Go on in the form",
            trigger: ".o_kanban_quick_create .o_kanban_edit",
            run: "click",
        },
        {
            content: "The form has the quick create's values",
            trigger: `${field("subject")} input:value(${SUBJECT})`,
        },
        {
            content: "The form is grouped as the advisor works",
            trigger: ".o_form_view .o_inner_group:contains(Borger og kontakt)",
        },
        ...many2one("centre_id", "Børn", "Børn & Læring"),
        ...many2one("category_id", "Klager over sagsbehandling"),
        {
            content: "Category 4 has subcategories",
            trigger: `${field("subcategory_id")} input`,
        },
        ...many2one("subcategory_id", "4.1", "Sagsbehandlingstid"),
        {
            content: "The events took place eight months ago",
            trigger: `${field("event_date")} input`,
            run: `edit ${formatDate(today().minus({ months: 8 }))}`,
        },
        {
            content: "Leave the date",
            trigger: `${field("subject")} input`,
            run: "click",
        },
        {
            content: "The six-month warning pops up (§1.3)",
            trigger: ".modal:contains(Gammel klage):contains(6 måneder)",
        },
        {
            content: "She goes on",
            trigger: ".modal:not(.o_inactive_modal) .modal-footer .btn-primary:contains(Luk)",
            async run() {
                let dialogs = 0;
                let button;
                while ((button = document.querySelector(".modal:not(.o_inactive_modal) .modal-footer .btn-primary"))) {
                    button.click();
                    dialogs++;
                    await pause(200);
                }
                console.info(`borgerraadgiver tour: ${dialogs} warning dialog(s) closed`);
            },
        },
        {
            content: "No dialog left",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "...and stays on the form",
            trigger: ".o_form_view .alert-warning:contains(behandles normalt ikke)",
        },
        ...saveForm(),
        {
            content: "The inquiry has its number",
            trigger: `${field("name")}:contains(BR-)`,
        },
        {
            content: "Start it",
            trigger: button("action_open", "Påbegynd"),
            run: "click",
        },
        {
            content: "It is in progress",
            trigger: stage("Under behandling"),
        },
        {
            content: "Forward it to the centre",
            trigger: button("action_forward_wizard", "Videregiv til center"),
            run: "click",
        },
        {
            content: "The citizen has not consented: she is asked (§1.3)",
            trigger: ".modal:contains(Borgeren har ikke givet samtykke til videregivelse. Videregiv alligevel?)",
        },
        {
            content: "She forwards anyway",
            trigger: ".modal .modal-footer .btn-primary:contains(Videregiv alligevel)",
            run: "click",
        },
        {
            content: "The wizard reminds her that she confirmed",
            trigger: ".modal .alert-warning:contains(Borgeren har ikke givet samtykke til videregivelse)",
        },
        {
            content: "She writes what the centre gets",
            trigger: ".modal .o_field_widget[name=description] textarea",
            run: `edit ${REFERRAL_TEXT}`,
        },
        {
            content: "...and sends it",
            trigger: ".modal .modal-footer button[name=action_send]:contains(Send til center)",
            run: "click",
        },
        {
            content: "It is at the centre",
            trigger: stage("Hos center"),
        },
        {
            content: "The warning did not stop her",
            trigger: ".o_form_view .alert-warning:contains(behandles normalt ikke)",
        },
        {
            content: "The path: forwarded, with a deadline",
            trigger: ".o_notebook .nav-link[name=path]",
            run: "click",
        },
        {
            content: "Note the centre's deadline",
            trigger: `${field("centre_deadline")} input`,
            run() {
                deadline = this.anchor.value;
                if (!deadline) {
                    throw new Error("no centre's deadline on the form");
                }
            },
        },
        {
            content: "Back to the kanban",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a:contains(Henvendelser)",
            run: "click",
        },
        {
            content: 'The card is in the column "Hos center" with its deadline',
            trigger: card("Hos center", SUBJECT),
            run() {
                const text = this.anchor.textContent;
                if (!text.includes(deadline)) {
                    throw new Error(`the card does not show the deadline ${deadline}: ${text}`);
                }
                const next = this.anchor.querySelector(".o_borgerraadgiver_next_step");
                if (!next || !next.textContent.includes(deadline)) {
                    throw new Error("the card does not say what it waits for");
                }
            },
        },
    ],
});

// (b) The staff member of B&L sees the referral the advisor sent B&L
// (nothing of another centre, never the inquiry) and registers the answer.
registry.category("web_tour.tours").add("borgerraadgiver_centre_answers", {
    url: "/odoo",
    steps: () => [
        {
            content: "The referrals sent to B&L, to answer",
            trigger: card("Til besvarelse", SUBJECT),
        },
        {
            content: "No referral of another centre",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(Arbejdsmarked)))",
        },
        {
            content: "Centre staff do not create referrals",
            trigger: ".o_control_panel:not(:has(.o-kanban-button-new))",
        },
        {
            content: "The menu has only the referrals and the recommendations",
            trigger: `.o_main_navbar .o_menu_brand:contains(Borgerrådgiver)`,
            run() {
                const sections = document.querySelectorAll(".o_main_navbar .o_menu_sections [data-menu-xmlid]");
                const names = [...sections].map((s) => s.dataset.menuXmlid);
                const expected = [
                    "borgerraadgiver.borgerraadgiver_referral_menu",
                    "borgerraadgiver.borgerraadgiver_recommendation_menu",
                ];
                if (names.join() !== expected.join()) {
                    throw new Error(`centre staff see the menus ${names.join()}`);
                }
            },
        },
        {
            content: "Open the referral",
            trigger: card("Til besvarelse", SUBJECT),
            run: "click",
        },
        {
            content: "What the advisor wrote for the centre",
            trigger: `${field("description")}:contains(${REFERRAL_TEXT})`,
        },
        {
            content: "Read-only, nothing of the inquiry, one button",
            trigger: ".o_form_view:not(:has(.o_field_widget[name=inquiry_id])):not(:has(.o_form_button_save))",
            run() {
                const buttons = document.querySelectorAll(".o_form_statusbar button[name]");
                const names = [...buttons].map((b) => b.getAttribute("name"));
                if (names.join() !== "action_register_answer") {
                    throw new Error(`the referral offers the buttons ${names.join()}`);
                }
            },
        },
        {
            content: "Register the answer",
            trigger: button("action_register_answer", "Registrér svar"),
            run: "click",
        },
        {
            content: "The date of the answer",
            trigger: ".modal .o_field_widget[name=answer_date] input",
            run: `edit ${formatDate(today())}`,
        },
        {
            content: "What the centre answered the citizen",
            trigger: ".modal .o_field_widget[name=answer] textarea",
            run: `edit ${CENTRE_ANSWER}`,
        },
        {
            content: "Register",
            trigger: ".modal .modal-footer button[name=action_register]",
            run: "click",
        },
        {
            content: "The referral is answered",
            trigger: stage("Besvaret"),
        },
        {
            content: "The centre's answer",
            trigger: ".o_notebook .nav-link[name=answer]",
            run: "click",
        },
        {
            content: "The answer is on the referral",
            trigger: `${field("answer")}:contains(${CENTRE_ANSWER})`,
        },
    ],
});

// (b, continued) The advisor sees that the centre has answered and closes.
registry.category("web_tour.tours").add("borgerraadgiver_advisor_closes", {
    url: "/odoo",
    steps: () => [
        {
            content: "An activity waits for her",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
        },
        {
            content: "The card says the centre has answered",
            trigger: `${card("Hos center", SUBJECT)} .o_borgerraadgiver_next_step .fa-check-circle`,
        },
        {
            content: "...and carries the activity",
            trigger: `${card("Hos center", SUBJECT)} .o_mail_activity .fa-clock-o, ${card("Hos center", SUBJECT)} .o-mail-ActivityButton`,
        },
        {
            content: "Open the inquiry",
            trigger: card("Hos center", SUBJECT),
            run: "click",
        },
        {
            content: "The activity in the chatter",
            trigger: ".o-mail-Chatter .o-mail-Activity",
        },
        {
            content: "Close it",
            trigger: `.o_form_statusbar button[name=action_close].btn-primary:contains(Afslut):enabled`,
            run: "click",
        },
        {
            content: "It is closed",
            trigger: stage("Afsluttet"),
        },
        {
            content: "The path says how",
            trigger: ".o_notebook .nav-link[name=path]",
            run: "click",
        },
        {
            content: "Forwarded to the centre",
            trigger: `${field("resolution")}:contains(Videregivet)`,
        },
    ],
});

// (c) A manager opens the statistics and downloads the yearly workbook.
registry.category("web_tour.tours").add("borgerraadgiver_manager_statistics", {
    url: "/odoo",
    steps: () => [
        {
            content: "Her home action is the statistics (pivot)",
            trigger: ".o_pivot_view .o_pivot table",
        },
        {
            content: "Inquiries by centre",
            trigger: ".o_pivot_view th:contains(Børn & Læring)",
        },
        {
            content: "No inquiries in the menu, only the reporting",
            trigger: `.o_main_navbar:not(:has([data-menu-xmlid="borgerraadgiver.borgerraadgiver_inquiry_menu"]))`,
        },
        {
            content: "Reporting",
            trigger: `.o_main_navbar [data-menu-xmlid="borgerraadgiver.borgerraadgiver_reporting_menu"]`,
            run: "click",
        },
        {
            content: "The yearly reports",
            trigger: `.dropdown-item[data-menu-xmlid="borgerraadgiver.borgerraadgiver_annual_report_menu"]`,
            run: "click",
        },
        {
            content: "Open the report of 2020",
            trigger: ".o_list_view .o_data_row td.o_data_cell:contains(31-12-2020)",
            run: "click",
        },
        {
            content: "Download the workbook",
            trigger: ".o_form_view button[name=action_print_workbook]:enabled",
            async run(helpers) {
                await helpers.click();
                // The client blocks the screen while it downloads
                for (let waited = 0; !document.querySelector(".o_blockUI") && waited < 1000; waited += 50) {
                    await pause(50);
                }
                while (document.querySelector(".o_blockUI")) {
                    await pause(100);
                }
            },
        },
        {
            content: "No error",
            trigger: ".o_form_view:not(:has(.o_error_dialog))",
        },
    ],
});
