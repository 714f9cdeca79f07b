import { projectRef } from "../../core/lookup.js";
import { browseProjects } from "../../core/projects.js";
import { defineCommand } from "../command-tree.js";
import { info, when } from "./common.js";
import { commandHint as hint } from "../format.js";

defineCommand({
  path: ["projects"],
  summary: "Browse projects open for applications, best match for your skills first.",
  audience: "mentee",
  args: [],
  run: async (ctx) => {
    const ranked = await browseProjects(ctx.core, ctx.actor);
    if (ranked.length === 0) return [info("Open projects", { text: "No term is taking applications right now." })];
    return [
      info("Open projects", {
        text:
          `Best match for your skills first. ` +
          `${hint("project show", "<name>")} shows one; ${hint("apply")} applies.`,
        sections: ranked.map(({ project, matched }) => ({
          heading: `${project.name} (${projectRef(project)})`,
          lines: [
            project.description.slice(0, 200),
            `Skills: ${project.skills.join(", ")}` +
              `${matched.length ? ` — you match ${matched.length}: ${matched.join(", ")}` : ""}`,
            `Slots: ${project.slots}. Prerequisites: ${project.prerequisites.length}. ` +
              `Applications close ${when(ctx, project.term.applicationsCloseAt)}.`,
          ],
          buttons: [
            { label: "Apply", action: "application.apply", value: projectRef(project), style: "primary" as const },
          ],
        })),
      }),
    ];
  },
});
