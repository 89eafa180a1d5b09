import { Route, Routes } from 'react-router-dom';
import { RecordFollowUpPage } from './record-follow-up-page.tsx';
import { WorklistPage } from './worklist-page.tsx';

/** /followup — worklists (mine / team / region; today, this week, overdue), counts by region, the record form. */
export default function FollowUpPage() {
  return (
    <div data-testid="followup-page">
      <Routes>
        <Route index element={<WorklistPage />} />
        <Route path="tasks/:taskId" element={<RecordFollowUpPage />} />
      </Routes>
    </div>
  );
}
