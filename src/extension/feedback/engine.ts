// Bundled on its own as dist/feedback.js: the panel and delivery, loaded on first use.
export { Outbox, deliver } from '../../core/feedback';
export { FeedbackPanels } from './panel';
