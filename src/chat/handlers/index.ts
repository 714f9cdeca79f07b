// Every conversation registers its commands, forms and buttons on import.
import "./help.js";
