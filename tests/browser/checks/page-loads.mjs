// Every page a reader can reach loads, and is used by the other checks on its tab, with no
// console error, uncaught exception, failed request (HTTP errors included) or request
// outside the book. Last on the tab, so it sees what the other checks' clicks caused.
export const pageLoads = {
    id: 'page-loads',
    title: 'every page loads with no console error and no failed request',
    tour: 'desktop',
    pages: 'every',
    async onPage(visit, state) {
        // Late requests (the print dialog, lazy scripts) count too.
        await visit.idle();
        visit.record(visit.path, visit.problems.length ? visit.problems.join('; ') : null);
    },
};
