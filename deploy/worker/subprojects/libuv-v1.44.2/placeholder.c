/* Source for the empty library the worker's link_whole list needs (only its unused shared-library target reads it); the code comes from the system library. */
