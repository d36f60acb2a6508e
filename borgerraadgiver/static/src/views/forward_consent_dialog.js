/** @odoo-module **/
// A forward without the citizen's consent (§1.3) is refused by the server
// with ForwardWithoutConsentError (models/consent.py), from the form's button
// as from a drag to "Hos center". The web client asks the advisor instead:
// the server's question, and a button (its text from the server) that opens
// the forward wizard with her confirmation; the view below reloads when the
// wizard closes.

import { registry } from "@web/core/registry";
import { RedirectWarningDialog } from "@web/core/errors/error_dialogs";

export class ForwardWithoutConsentDialog extends RedirectWarningDialog {
    setup() {
        super.setup();
        const { action, button_text } = this.props.data.context;
        this.actionId = action;
        this.buttonText = button_text;
    }

    async onClick() {
        await this.actionService.doAction(this.actionId, {
            onClose: () => this.actionService.doAction("soft_reload"),
        });
        this.props.close();
    }
}

registry
    .category("error_dialogs")
    .add(
        "odoo.addons.borgerraadgiver.models.consent.ForwardWithoutConsentError",
        ForwardWithoutConsentDialog
    );
