/** @odoo-module **/
// The inquiries' kanban: a new inquiry always starts as "Ny" (the model's
// create() refuses any other stage), so when the cards are grouped by stage
// only the "Ny" column offers the quick create; the "Ny" button of the
// control panel opens it there too (it is the first column).

import { registry } from "@web/core/registry";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { KanbanHeader } from "@web/views/kanban/kanban_header";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";

export class InquiryKanbanHeader extends KanbanHeader {
    canQuickCreate() {
        const { groupByField, value } = this.group;
        if (groupByField.name === "state" && value !== "draft") {
            return false;
        }
        return super.canQuickCreate();
    }
}

export class InquiryKanbanRenderer extends KanbanRenderer {
    static components = { ...KanbanRenderer.components, KanbanHeader: InquiryKanbanHeader };
}

export const inquiryKanbanView = { ...kanbanView, Renderer: InquiryKanbanRenderer };

registry.category("views").add("borgerraadgiver_inquiry_kanban", inquiryKanbanView);
