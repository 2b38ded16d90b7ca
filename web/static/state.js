// The page's one piece of mutable state, shared by the modules.

export const state = {
  map: null, // the maplibregl.Map
  cities: [], // city summaries from /api/cities
  city: null, // the city shown
  venues: [], // the city's venues (GeoJSON features), for the stop pickers
  data: {}, // GeoJSON of the overlay sources by source id, re-added after a style reload
  hidden: new Set(), // keys of the layer toggles the user switched off
  nearest: null, // {at: [lon, lat], byRoad, features} of the last map click
  nearestSeq: 0, // request counter: only the latest answer is shown
  serviceArea: null, // {name, features} of the checkpoint whose service area is drawn
  searchAbort: null, // AbortController of the search in flight
  searchTimer: 0, // the pending debounce of the search box
  searchQuery: '', // the query whose results are shown
  searchResults: [], // the features of the last search
  picking: false, // the next map click places a stop
  stops: [], // [{venue, at, dwell}] of the plan being built
  plan: null, // the last evaluated plan (API response with close_ms/reopen_ms added)
  closureRange: null, // {min, max} epoch ms of the time slider
  timeMs: null, // the time the slider shows
  evaluating: false,
  popup: null, // the open maplibregl.Popup
  attribution: null, // the AttributionControl in use
  role: null, // of the signed-in user: viewer, planner or admin
  canEdit: false, // planners and admins edit checkpoints
  adding: false, // the next map click places a new checkpoint
};
