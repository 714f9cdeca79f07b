// The commands moved to chat/commands/. The adapters still import this path; it goes once they
// import "../../chat/commands/index.js" themselves.
import "../commands/index.js";
