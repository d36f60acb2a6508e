/** @odoo-module **/
// Returning citizens (issue 18): the advisor registers a new inquiry for a
// citizen who has one in progress; the banner lists it, one click links the
// new inquiry to it (the form saves first), and the reassessment of §1.3 is
// asked for.  Started by borgerraadgiver/tests/test_returning_citizens.py.

import { registry } from "@web/core/registry";

// Shared with tests/test_returning_citizens.py
export const RETURNING_CITIZEN = "Bodil Genhenvendt";
export const EARLIER_SUBJECT = "Venter på svar om handicapbil";
export const NEW_SUBJECT = "Ringer igen om handicapbilen";

const field = (name) => `.o_form_view .o_field_widget[name=${name}]`;
const banner = ".o_form_view div[name=returning_citizen]";

registry.category("web_tour.tours").add("borgerraadgiver_returning_citizen", {
    steps: () => [
        { content: "The new form", trigger: `${field("subject")} input`, run: `edit ${NEW_SUBJECT}` },
        { content: "Type the citizen", trigger: `${field("citizen_id")} input`, run: `edit ${RETURNING_CITIZEN}` },
        {
            content: "Choose the citizen",
            trigger: `.o-autocomplete--dropdown-menu .dropdown-item:contains(${RETURNING_CITIZEN})`,
            run: "click",
        },
        {
            content: "The banner lists the inquiry in progress: link it",
            trigger: `${banner} .o_data_row:contains(${EARLIER_SUBJECT}) button[name=action_link_continuation]`,
            run: "click",
        },
        { content: "Saved and linked: the banner is gone", trigger: `.o_form_view:not(:has(${banner}))` },
        { content: "The earlier inquiry is linked", trigger: `${field("previous_inquiry_id")} input:value(BR-)` },
        { content: "The reassessment is asked for", trigger: `${field("reassessment")} select` },
    ],
});
