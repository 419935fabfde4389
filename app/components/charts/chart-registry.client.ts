/*
 * The chart.js parts Primed's charts use, registered once for all of them
 * (chart.js is tree-shaken: a chart draws only what has been registered).
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
