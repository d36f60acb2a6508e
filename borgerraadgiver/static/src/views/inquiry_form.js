/** @odoo-module **/
// The inquiry's form: with each save it sends, in the context
// (borgerraadgiver_loaded_values), the values its changed fields had when it
// loaded them.  The server (borgerraadgiver.inquiry.web_save) refuses the save
// with a message when another advisor has changed one of those fields since;
// changes to other fields merge, as the form saves only what it changed.

import { registry } from "@web/core/registry";
import { RelationalModel } from "@web/model/relational_model/relational_model";
import { formView } from "@web/views/form/form_view";

const X2MANY = ["one2many", "many2many"];

export class InquiryRecord extends RelationalModel.Record {
    get context() {
        const context = super.context;
        return this._loadedValues
            ? { ...context, borgerraadgiver_loaded_values: this._loadedValues }
            : context;
    }

    async _save(options) {
        if (this.resId && this.config.isRoot) {
            const loaded = Object.fromEntries(
                Object.keys(this._changes)
                    .filter((name) => !X2MANY.includes(this.fields[name]?.type))
                    .map((name) => [name, this._values[name]])
            );
            this._loadedValues = this._getChanges(loaded);
        }
        try {
            return await super._save(options);
        } finally {
            this._loadedValues = null;
        }
    }
}

export class InquiryFormModel extends RelationalModel {
    static Record = InquiryRecord;
}

registry.category("views").add("borgerraadgiver_inquiry_form", {
    ...formView,
    Model: InquiryFormModel,
});
