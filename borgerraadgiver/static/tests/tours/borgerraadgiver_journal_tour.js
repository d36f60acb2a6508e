/** @odoo-module **/
// A document of the journal in the chatter (static/src/mail): the advisor's
// letter to the citizen offers neither edit nor delete, her note both.
// Started by borgerraadgiver/tests/test_journal.py on a closed inquiry with
// the letter "Kære Mette" (with a file) and the note "Udkast".

import { registry } from "@web/core/registry";

function moreMenu(text) {
    return [
        {
            content: `Point at the message ${text}`,
            trigger: `.o-mail-Message:contains(${text})`,
            run: "hover",
        },
        {
            content: `Open its menu of more actions`,
            trigger: `.o-mail-Message:contains(${text}) .o-mail-Message-actions button:has(.fa-ellipsis-v)`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("borgerraadgiver_journalised_message", {
    steps: () => [
        ...moreMenu("Udkast"),
        {
            content: "The note can be edited and deleted",
            trigger: ".o-mail-Message-moreMenu:has(.fa-pencil):has(.fa-trash)",
        },
        {
            content: "Close the menu",
            trigger: ".o-mail-Message:contains(Udkast) .o-mail-Message-actions button:has(.fa-ellipsis-v)",
            run: "click",
        },
        {
            content: "Closed",
            trigger: "body:not(:has(.o-mail-Message-moreMenu))",
        },
        {
            content: "Point at the letter sent",
            trigger: ".o-mail-Message:contains(Kære Mette)",
            run: "hover",
        },
        {
            // with edit and delete its actions would not fit the bar: a menu
            // of more actions would hold them
            content: "A document of the journal: its actions, but neither edit nor delete",
            trigger:
                ".o-mail-Message:contains(Kære Mette) .o-mail-Message-actions:has(button)" +
                ":not(:has(.fa-pencil)):not(:has(.fa-trash)):not(:has(.fa-ellipsis-v))",
        },
    ],
});
