// Registers every conversation (commands, forms, buttons) with the chat layer.
import "./help.js";
import "./home.js";
import "./people.js";
import "./programs.js";
import "./projects.js";
import "./applications.js";
import "./enrollments.js";
import "./stipends.js";
import "./digest.js";
